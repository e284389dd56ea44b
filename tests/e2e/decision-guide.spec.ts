import { expect, test, type Locator, type Page } from '@playwright/test';

const PAGE = '/analytics/decision-guide/';

async function openGuide(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  const guide = page.locator('[data-guide="approach"]');
  await guide.scrollIntoViewIfNeeded();
  await expect(guide).toHaveAttribute('data-status', 'ready');
  return guide;
}

/** Moves a radio group's choice with the arrow keys, as a keyboard user does, starting from its checked radio. */
async function choose(guide: Locator, question: RegExp, option: string) {
  const group = guide.getByRole('group', { name: question });
  const page = guide.page();
  await group.getByRole('radio', { checked: true }).focus();
  for (let i = 0; i < 4; i++) {
    if (await group.getByRole('radio', { name: option }).isChecked()) return;
    await page.keyboard.press('ArrowDown');
  }
  await expect(group.getByRole('radio', { name: option })).toBeChecked();
}

test('the guide answers from the keyboard, updates its live summary, and links only to chapters that exist', async ({ page }) => {
  const guide = await openGuide(page);
  const summary = guide.getByRole('status');
  await expect(summary).toContainText('Keep one database');

  // Tab moves from one radio group to the next: every question is reachable without a mouse.
  await guide
    .getByRole('group', { name: /How many teams/ })
    .getByRole('radio', { checked: true })
    .focus();
  await page.keyboard.press('Tab');
  await expect(guide.getByRole('group', { name: /What hurts most/ }).getByRole('radio', { checked: true })).toBeFocused();

  await choose(guide, /How many teams/, 'Several teams that need to deploy independently');
  await expect(summary).toContainText('Give each service its own database');
  await expect(summary).toContainText('one database per service');
  await expect(summary).not.toContainText('Keep one database');

  await choose(guide, /What analytics/, 'Analytics across many teams’ data');
  await expect(guide.getByTestId('approach-held-back')).toContainText('data mesh');
  await choose(guide, /What stage/, 'Large enterprise');
  await expect(summary).toContainText('data mesh');

  // Every step shows measured figures, and every link in the result lands on a page of the site.
  const steps = guide.locator('.ag-step');
  expect(await steps.count()).toBeGreaterThan(3);
  for (const step of await steps.all()) await expect(step.locator('.ag-figure').first()).toHaveText(/\d/);
  const hrefs = new Set(
    await guide
      .getByTestId('approach-result')
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')),
  );
  expect(hrefs.size).toBeGreaterThan(3);
  for (const href of hrefs) {
    expect(href, href).toMatch(/^\/[a-z-]+\/[a-z-]+\/$/);
    expect((await page.request.get(href)).status(), href).toBe(200);
  }

  await guide.getByRole('button', { name: /Back to a small team/ }).click();
  await expect(summary).toContainText('Keep one database');
});

test.describe('before the island runs', () => {
  test.use({ javaScriptEnabled: false });

  test('the page already shows the default path and the decision matrix', async ({ page }) => {
    await page.goto(PAGE);
    await expect(page.locator('[data-guide="approach"] .ag-step').first()).toContainText('Keep one database');
    await expect(page.getByRole('table').filter({ hasText: 'Requirement' }).locator('tbody tr')).not.toHaveCount(0);
  });
});

test.describe('on a 390 px wide phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the guide fits the screen', async ({ page }) => {
    const guide = await openGuide(page);
    await choose(guide, /How many teams/, 'Several teams that need to deploy independently');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
