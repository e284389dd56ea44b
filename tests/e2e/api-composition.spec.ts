import { expect, test } from '@playwright/test';
import { act, openConsole, playUntilQuiet, runSql, startLab } from './lab-driver.ts';

const CHAPTER = '/reading/api-composition/';
const INVARIANTS = ['read-model-converges', 'composed-pages-tell-the-truth'];

test('page 3 by name moves every order through the composer and ten rows from the read model; with Payments down a fallback keeps the order page up', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'api-composition');
  await expect(root.locator('[data-service]')).toHaveCount(6);
  const timeline = root.locator('.lab-timeline-text');
  const pages = root.locator('[data-measure="pages"]');

  await act(root, 'Open paid orders by customer name, page 3 (both ways)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('read model: 10 rows after');
  await expect(timeline).toContainText('composer: 10 rows after');
  await expect(timeline).toContainText('344 rows moved');
  await expect(pages.getByRole('table')).toContainText('344');

  await root.getByRole('checkbox', { name: /^Payments down/ }).check();
  await act(root, 'Open order O-042 (both ways)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('composer: error after');

  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Composer (API gateway)', "UPDATE fallbacks SET on_failure = 'omit' WHERE service = 'payments'");
  await act(root, 'Open order O-042 (both ways)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('partial: no payments');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const fallback = page.locator('[data-exercise="order-page-without-payments"]');
  await fallback.scrollIntoViewIfNeeded();
  await fallback.getByRole('button', { name: 'Check my work' }).click();
  await expect(fallback.getByRole('status')).toContainText('Passed');

  // The chapter's own table is static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the api-composition lab/ })).toContainText('partial: no payments');
});
