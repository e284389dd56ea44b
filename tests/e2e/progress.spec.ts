import { expect, test, type Page } from '@playwright/test';

const KEY = 'data-in-services:progress';
const at = '2026-12-03T09:00:00.000Z';

/** Progress as a learner who solved one exercise and tried another would have it in their browser. */
const stored = { v: 2, exercises: { 'two-phase-commit/strand-a-transfer': { solved: at }, 'order-saga/pass-the-held-row': { tried: at } } };

async function openMyProgress(page: Page, record: unknown) {
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    [KEY, JSON.stringify(record)] as const,
  );
  await page.goto('/start/my-progress/');
  await expect(page.locator('.progress-page')).toHaveAttribute('data-ready', 'true');
}

const stateOf = (page: Page, key: string) => page.locator(`li[data-exercise="${key}"]`);

test('my progress lists every exercise by chapter; export, clear and import give the same state back', async ({ page }) => {
  await openMyProgress(page, stored);
  await expect(stateOf(page, 'two-phase-commit/strand-a-transfer')).toHaveAttribute('data-state', 'solved');
  await expect(stateOf(page, 'order-saga/pass-the-held-row')).toContainText('Tried');
  await expect(stateOf(page, 'eventual-consistency/catch-the-lag')).toHaveAttribute('data-state', 'not-started');
  const total = await page.locator('li[data-exercise]').count();
  expect(total).toBeGreaterThan(20);
  await expect(page.getByText(`1 of ${total} exercises solved`)).toBeVisible();

  await page.getByLabel('Your name in the file (optional)').fill('Ada');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my progress' }).click();
  const file = await (await download).path();

  await page.getByRole('button', { name: 'Clear my progress…' }).click();
  await page.getByRole('button', { name: 'Yes, clear my progress' }).click();
  await expect(page.getByRole('status')).toHaveText('Your progress in this browser is cleared.');
  await expect(stateOf(page, 'two-phase-commit/strand-a-transfer')).toHaveAttribute('data-state', 'not-started');

  await page.getByLabel('Import a progress file').setInputFiles(file);
  await expect(page.getByRole('status')).toContainText('Imported');
  await expect(stateOf(page, 'two-phase-commit/strand-a-transfer')).toHaveAttribute('data-state', 'solved');
  await expect(stateOf(page, 'order-saga/pass-the-held-row')).toHaveAttribute('data-state', 'tried');
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? 'null')).toEqual(stored);
});

test('a damaged or foreign import changes nothing and says why', async ({ page }) => {
  await openMyProgress(page, stored);
  const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
  const input = page.getByLabel('Import a progress file');
  await input.setInputFiles({
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"data-in-services-progress","v":2,"exer'),
  });
  await expect(page.getByRole('status')).toHaveText('Nothing was changed. The file is not valid JSON: it may be damaged or cut short.');
  await input.setInputFiles({ name: 'package.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"x"}') });
  await expect(page.getByRole('status')).toHaveText('Nothing was changed. This is not a progress file from this site.');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(before);
});

test('a stored record this version cannot read is kept, explained and can be exported as it is', async ({ page }) => {
  const foreign = { v: 7, exercises: {}, streak: 12 };
  await openMyProgress(page, foreign);
  await expect(page.getByRole('alert')).toContainText('another version of this site (version 7)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export it as it is' }).click();
  const path = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(foreign);
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? 'null')).toEqual(foreign);
});

test('the room page aggregates three learners’ files, the room’s sticking point first', async ({ page }) => {
  await page.goto('/start/room-progress/');
  const file = (learner: string, exercises: Record<string, Record<string, string>>) => ({
    name: `${learner.toLowerCase()}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'data-in-services-progress', v: 2, exportedAt: at, learner, exercises })),
  });
  await page
    .getByLabel(/Learners’ progress files/)
    .setInputFiles([
      file('Ada', { 'two-phase-commit/strand-a-transfer': { solved: at }, 'order-saga/pass-the-held-row': { tried: at } }),
      file('Bo', { 'order-saga/pass-the-held-row': { tried: at } }),
      file('Cy', { 'two-phase-commit/strand-a-transfer': { solved: at }, 'order-saga/pass-the-held-row': { solved: at } }),
    ]);
  await expect(page.locator('.room-page')).toHaveAttribute('data-learners', '3');
  await expect(page.getByText(/3 learners: Ada solved 1 of \d+; Bo solved 0 of \d+; Cy solved 2 of \d+\./)).toBeVisible();
  const first = page.locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-exercise', 'order-saga/pass-the-held-row');
  await expect(first.locator('td').nth(0)).toHaveText('2');
  await expect(first.locator('td').nth(1)).toHaveText('1');
});
