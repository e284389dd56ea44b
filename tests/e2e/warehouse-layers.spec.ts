import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/analytics/warehouse-layers/';

test('a month through bronze, silver and gold: duplicates removed, bad rows rejected, type 2 right and type 1 wrong', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'warehouse-layers');
  await expect(root.locator('[data-service]')).toHaveCount(3);
  const timeline = root.locator('.lab-timeline-text');

  for (const fault of [/^Duplicate delivery/, /^Late, out-of-order events/, /^Bad records/])
    await root.getByRole('checkbox', { name: fault }).check();
  await act(root, 'Run the month (10 days)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('run 3 (in dependency order): 8 of 8 models built');
  await expect(root.locator('[data-measure="quality"]')).toContainText('duplicates removed');
  await expect(root.locator('[data-measure="reports"]')).toContainText('type 2 by 0');
  for (const id of ['silver-accounts-for-bronze', 'dim-customer-is-a-history', 'facts-match-silver'])
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const type2 = page.locator('[data-exercise="type2-equals-truth"]');
  await type2.scrollIntoViewIfNeeded();
  await type2.getByRole('button', { name: 'Check my work' }).click();
  await expect(type2.getByRole('status')).toContainText('Passed', { timeout: 60_000 });

  await expect(page.getByRole('table', { name: /Measured by the warehouse-layers lab/ }).first()).toContainText('type 2 dimension');
});
