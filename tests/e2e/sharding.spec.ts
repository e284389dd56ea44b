import { expect, test } from '@playwright/test';
import { act, openConsole, playUntilQuiet, runSql, startLab } from './lab-driver.ts';

const CHAPTER = '/boundaries/sharding/';

test('the tenant key heats one shard, and two regions merge both tags after a partition', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'sharding');
  await expect(root.locator('[data-service]')).toHaveCount(7);

  // A short workload keeps the test quick; the placement is the same as the chapter's.
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Router (SQLite)', 'UPDATE settings SET workload_size = 40 WHERE id = 1;');
  await act(root, 'Shard key: tenant (hashed)');
  await act(root, 'Run the workload (240 requests)');
  await playUntilQuiet(root);
  const load = root.locator('[data-measure="load"]');
  await expect(load).toContainText(/shard-2 holds \d+ % of \d+ rows/);
  for (const id of ['placed-by-key', 'once-each'])
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  // Two regions write the same ticket during a partition; the merge keeps both tags.
  await act(root, 'Regions: merge (CRDT)');
  await playUntilQuiet(root);
  await root.getByRole('checkbox', { name: /^Partition: EU and US/ }).check();
  await act(root, 'EU agent tags ticket 7 “urgent”');
  await act(root, 'US agent tags ticket 7 “billing”');
  await root.getByRole('checkbox', { name: /^Partition: EU and US/ }).uncheck();
  await playUntilQuiet(root);
  await expect(root.locator('[data-invariant="regions-converge"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-invariant="no-change-lost"]')).toHaveAttribute('data-state', 'holds');

  const merge = page.locator('[data-exercise="merge-keeps-both"]');
  await merge.scrollIntoViewIfNeeded();
  await merge.getByRole('button', { name: 'Check my work' }).click();
  await expect(merge.getByRole('status')).toContainText('Passed');

  // The chapter's tables are static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the sharding lab/ })).toHaveCount(4);
});
