import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { act, openConsole, runSql, startLab, stepUntilQuiet } from './lab-driver.ts';

/** Every published page, from the sitemap the build writes. */
async function allPages(page: Page): Promise<string[]> {
  const response = await page.request.get('/sitemap-0.xml');
  expect(response.ok()).toBe(true);
  const paths = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
  expect(paths.length).toBeGreaterThan(3);
  return paths;
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Legacy mode runs axe in the page itself instead of finishing in a second one: a third less time a page,
    // and the site has no cross-origin frames, the one thing the default mode is for.
    .setLegacyMode(true)
    // Starlight's own search button: its name is "Search" while it also shows the shortcut "Ctrl K"
    // (announced through aria-keyshortcuts), which axe reads as a label/content mismatch. It is
    // Starlight's markup, not ours; everything else on every page is swept.
    .exclude('button[data-open-modal]')
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// The tests of this file share nothing, so they may run side by side on both workers.
test.describe.configure({ mode: 'parallel' });

// Every page is swept twice: in the light theme on a laptop, and in the dark theme on a phone (below), so that
// each theme's colours and each width's layout are checked on every page without a third full sweep. A sweep
// is cut into parts, each a test of its own, so that both workers share it.
const SWEEP_PARTS = 4;
const part = <T>(all: readonly T[], k: number) => all.filter((_, i) => i % SWEEP_PARTS === k);

for (let k = 0; k < SWEEP_PARTS; k++) {
  test(`every page passes an axe sweep in the light theme (part ${k + 1} of ${SWEEP_PARTS})`, async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
    for (const path of part(await allPages(page), k)) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      expect(await axe(page), path).toEqual([]);
    }
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`a running lab with its console open passes axe in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const root = await startLab(page);
    await root.getByRole('checkbox', { name: 'Coordinator crashes after both banks prepared' }).check();
    await act(root, 'Transfer 30 from Alice to Bob');
    await stepUntilQuiet(root);
    const sqlConsole = await openConsole(root);
    await runSql(sqlConsole, 'Bank A', 'SELECT gid, prepared FROM pg_prepared_xacts');
    expect(await axe(page)).toEqual([]);
  });
}

test('the site sends no request to another origin and breaks no rule of its CSP, even with a lab running', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return;
    if (url.origin !== new URL(baseURL ?? '').origin) foreign.push(request.url());
  });
  for (const path of await allPages(page)) await page.goto(path);
  const root = await startLab(page);
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Bank B', 'SELECT * FROM accounts');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'self'/);
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]);
});

test.describe('on a 390 px wide phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (let k = 0; k < SWEEP_PARTS; k++) {
    test(`every page fits the screen and passes an axe sweep in the dark theme (part ${k + 1} of ${SWEEP_PARTS})`, async ({ page }) => {
      await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
      for (const path of part(await allPages(page), k)) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
        expect(await axe(page), path).toEqual([]);
      }
    });
  }

  test('the chapter and its running lab fit the screen and work', async ({ page }) => {
    const root = await startLab(page);
    await act(root, 'Transfer 30 from Alice to Bob');
    await stepUntilQuiet(root);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(root.locator('[data-invariant="money-conserved"]')).toHaveAttribute('data-state', 'holds');
  });
});
