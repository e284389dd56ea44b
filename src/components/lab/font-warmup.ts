/**
 * Looks up, while a lab still waits for its Start, the fonts its workspace will draw with, so that the
 * workspace's first layout does not.
 *
 * Chromium on Linux asks the browser process, synchronously, for the rendering settings of every font at every
 * size and weight the first time a page uses it, and for every fallback font a symbol (✕, ●, ⏱) needs. The
 * workspace first appears at "ready", while the engines' code still compiles on every core; each such question
 * then waits up to ~80 ms for an answer, and the main thread with it (seven of them in the first layout of the
 * two-phase-commit workspace). Asked beforehand, one a task, each takes about a millisecond. The answers stay
 * cached for the page, so the samples are removed once measured.
 */

/** The symbols and punctuation the workspace's components and the labs' texts use, after a few letters. */
export const SAMPLE_TEXT = 'Aa0 ’…“”–—→←↑↓↔✕✓−≤↻•●○◆⚡⏱';

/** Sizes (px) and weights of lab.css and sql-console.css, in the sans and the mono family. */
export const SAMPLE_FONTS: readonly { readonly mono: boolean; readonly size: number; readonly weight: number }[] = [
  ...[12, 13, 14, 16].flatMap((size) => [400, 600, 700].map((weight) => ({ mono: false, size, weight }))),
  ...[12, 13, 14].flatMap((size) => [400, 700].map((weight) => ({ mono: true, size, weight }))),
];

let warmed = false;

/**
 * Schedules the look-ups, once per page, in the fonts of the lab's box `host`. The samples go in a hidden box of
 * their own at the end of the body, outside what Preact renders.
 */
export function warmWorkspaceFonts(host: HTMLElement | null) {
  if (warmed || !host) return;
  warmed = true;
  const doc = host.ownerDocument;
  const box = doc.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText =
    'position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden;visibility:hidden;white-space:nowrap;pointer-events:none';
  const idle = (run: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 500 }) : setTimeout(run, 0);
  let next = 0;
  const step = () => {
    if (next === 0) {
      box.style.fontFamily = getComputedStyle(host).fontFamily;
      doc.body.append(box);
    }
    const font = SAMPLE_FONTS[next++];
    if (!font || !box.isConnected) {
      box.remove();
      return;
    }
    const sample = doc.createElement('span');
    sample.textContent = SAMPLE_TEXT;
    if (font.mono) sample.style.fontFamily = 'var(--sl-font-mono, ui-monospace, monospace)';
    sample.style.fontSize = `${font.size}px`;
    sample.style.fontWeight = String(font.weight);
    box.append(sample);
    // Reading its width lays it out now, in this task: one font (and its fallbacks) per task.
    void sample.offsetWidth;
    idle(step);
  };
  idle(step);
}
