/**
 * The course page as a trainer uses it: a demonstration's link opens its chapter, the lab offers to replay the
 * run, and once started it is at the recorded step with the recorded trace hash (the Node replay's, from
 * demo-hashes.generated.json). And the page prints as a handout: answers unfolded, no long addresses, one
 * session per page.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { allDemos, SESSIONS } from '../../src/lib/course/sessions.ts';

const recorded = JSON.parse(readFileSync(new URL('../../src/lib/course/demo-hashes.generated.json', import.meta.url), 'utf8')) as Record<
  string,
  { step: number; traceHash: string }
>;

// Three labs, three parts: a prepared transaction left in doubt, a read model that has not caught up, and two
// bookings that overlap on a seat counter.
for (const id of ['s4-in-doubt', 's6-stale-read', 's10-lost-update']) {
  test(`the demo ${id} opens its lab at the recorded step and trace hash`, async ({ page }) => {
    const demo = allDemos().find((d) => d.id === id);
    const expected = recorded[id];
    if (!demo || !expected) throw new Error(`no demo ${id}`);
    await page.goto('/start/course/');
    await page.getByRole('link', { name: `Open this moment in the lab: ${demo.title}` }).click();
    await expect(page).toHaveURL(
      new RegExp(`^[^?]*${demo.chapter}\\?lab=${demo.lab}&s=${demo.seed}&k=${demo.step}&i=[^&#]+#lab-${demo.lab}$`),
    );
    const root = page.locator(`[data-lab="${demo.lab}"]`).first();
    await expect(root).toContainText(`This link replays a run of this lab: seed ${demo.seed}`);
    await root.getByRole('button', { name: /^Start/ }).click();
    await expect(root).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(root).toHaveAttribute('data-step', String(expected.step), { timeout: 60_000 });
    await expect(root).toHaveAttribute('data-trace-hash', expected.traceHash);
  });
}

test('the course page prints with every answer unfolded, demos as inputs in words, one session per page', async ({ page }) => {
  await page.goto('/start/course/');
  const answer = page.locator('.course-answer').first();
  await expect(answer.locator('p')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(answer.locator('p')).toBeVisible();
  const link = page.locator('a.course-demo-link').first();
  expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none');
  await expect(page.locator('.course-inputs').first()).toBeVisible();
  const breaks = await page
    .locator('h2[id^="session-"]')
    .evaluateAll((headings) =>
      headings.map((h) => getComputedStyle(h.parentElement?.classList.contains('sl-heading-wrapper') ? h.parentElement : h).breakBefore),
    );
  expect(breaks).toEqual(SESSIONS.map((_, i) => (i === 0 ? 'auto' : 'page')));
});
