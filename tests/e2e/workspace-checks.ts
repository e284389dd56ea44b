/**
 * Checks that look at a lab's workspace as a reader would see it: nothing sticks out of the page, no panel is
 * empty, no two timeline lane names overlap. Each returns what it found wrong, so a failure names the culprit.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';

/**
 * Elements that stick out of the viewport sideways. What sits inside a scroll container (a wide table, a long
 * diagram) is fine: it scrolls within its box, and that box is what must fit.
 */
export function elementsWiderThanPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        // A table box ignores `overflow`: a wide table with `overflow: auto` still pushes the page sideways.
        if (style.display === 'table' || style.display === 'inline-table') continue;
        const overflow = style.overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip') return true;
      }
      return false;
    };
    const found: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right <= width + 1 && box.left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      if (clipped(el)) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
      found.push(`${name} spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${width}`);
    }
    return found;
  });
}

/** Panels that are open but show nothing: no text, no picture, no control. */
export function emptyPanels(root: Locator): Promise<string[]> {
  return root.evaluate((lab) =>
    [...lab.querySelectorAll<HTMLElement>('[data-panel]')]
      .filter((panel) => {
        const body = panel.querySelector<HTMLElement>('.lab-panel-body');
        if (!body) return true;
        if (body.hidden) return false;
        const text = body.innerText.trim();
        return text === '' && !body.querySelector('svg, table, button, input, select, textarea');
      })
      .map((panel) => panel.dataset['panel'] ?? '?'),
  );
}

/** Pairs of timeline lane names whose boxes overlap. */
export function overlappingLaneNames(root: Locator): Promise<string[]> {
  return root.evaluate((lab) => {
    const boxes = [...lab.querySelectorAll<HTMLElement>('.tl-lane-name')].map((el) => ({
      text: el.innerText,
      box: el.getBoundingClientRect(),
    }));
    const found: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b) continue;
        const apart = a.box.right <= b.box.left || b.box.right <= a.box.left || a.box.bottom <= b.box.top || b.box.bottom <= a.box.top;
        if (!apart) found.push(`${a.text} / ${b.text}`);
      }
    }
    return found;
  });
}

/**
 * Saves what a reader sees with the lab scrolled to the top of the screen, and (with `whole`) the whole lab on
 * its own, and attaches them to the report (test-results/) for a reviewer to look at. The whole lab is the
 * costly picture (several screens tall on a phone), so callers take it once per width, not once per theme.
 */
export async function keepScreenshot(page: Page, root: Locator, testInfo: TestInfo, name: string, whole: boolean) {
  await root.evaluate((lab) => lab.closest('.lab-frame')?.scrollIntoView({ block: 'start', behavior: 'instant' }));
  const screen = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: screen });
  await testInfo.attach(name, { path: screen, contentType: 'image/png' });
  if (!whole) return;
  const wholeLab = testInfo.outputPath(`${name}-whole-lab.png`);
  await root.screenshot({ path: wholeLab });
  await testInfo.attach(`${name}-whole-lab`, { path: wholeLab, contentType: 'image/png' });
}
