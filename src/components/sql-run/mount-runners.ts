/**
 * Gives every runnable SQL block on the page (see runnable-sql-plugin.ts) a Run button. Only the button is made
 * here: the runner, with the lab's session and engines, loads on the first press.
 */
import { RUNNABLE } from './runnable-sql-plugin.ts';

export function mountRunners(root: ParentNode = document) {
  for (const block of root.querySelectorAll<HTMLElement>(`[${RUNNABLE.lab}]`)) {
    const lab = block.getAttribute(RUNNABLE.lab) ?? '';
    const service = block.getAttribute(RUNNABLE.service) ?? '';
    const sql = block.getAttribute(RUNNABLE.code) ?? '';
    const frame = block.closest('.expressive-code') ?? block;
    if (frame.nextElementSibling?.classList.contains('sql-run')) continue;
    const host = document.createElement('div');
    host.className = 'sql-run not-content';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sql-run__button';
    button.textContent = `Run on ${service}`;
    // The accessible name starts with the visible text (WCAG 2.5.3), then says where it runs.
    button.setAttribute('aria-label', `Run on ${service}, in the ${lab} lab (starts it if needed)`);
    button.addEventListener(
      'click',
      () => {
        button.setAttribute('aria-disabled', 'true');
        void import('./run-block.tsx').then(({ runBlock }) => runBlock(host, { lab, service, sql }));
      },
      { once: true },
    );
    host.append(button);
    frame.after(host);
  }
}
