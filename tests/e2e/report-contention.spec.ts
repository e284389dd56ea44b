import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/operational-data/operational-vs-analytical/';
const INVARIANTS = ['operational-writes-kept', 'no-phantom-tickets', 'store-matches-after-copy'];

test('a report on the monolith holds up ticket requests, the analytics store is stale instead, and every invariant holds', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'report-contention');
  await expect(root.locator('[data-service]')).toHaveCount(5);

  await act(root, 'Serve 40 ticket requests');
  await root.getByRole('button', { name: 'Run the report 4 times, every 200 ms', exact: true }).click();
  await playUntilQuiet(root);

  // Figures the lab measured from the real engines, not typed in: the rows exist once the run has produced them.
  const latency = root.locator('[data-measure="operational-latency"]');
  await expect(latency).toContainText('A: report on the monolith');
  await expect(latency).toContainText('B: report on the analytics store');
  await expect(latency).toContainText('A, queued behind a report');
  await expect(root.locator('[data-measure="report-cost"]')).toContainText('monolith A (Postgres)');
  await expect(root.locator('[data-measure="report-cost"]')).toContainText('analytics store (SQLite)');
  await expect(root.locator('[data-measure="staleness"]')).toContainText('report-4');
  await expect(root.locator('[data-measure="engine-time"]')).toContainText('1 ms for 1 ms');
  for (const id of INVARIANTS) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }

  // With the copy job stopped the store falls behind, and says so, while the ticket requests carry on.
  await root.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(root).toHaveAttribute('data-status', 'ready');
  await root.getByRole('checkbox', { name: /^Copy job stopped/ }).check();
  await act(root, 'Serve 40 ticket requests');
  await playUntilQuiet(root);
  await expect(root.locator('[data-invariant="store-matches-after-copy"]')).toHaveAttribute('data-state', 'pending');
  await expect(root.locator('[data-invariant="operational-writes-kept"]')).toHaveAttribute('data-state', 'holds');
  await root.getByRole('checkbox', { name: /^Copy job stopped/ }).uncheck();
  await act(root, 'Run the copy job now');
  await playUntilQuiet(root);
  await expect(root.locator('[data-invariant="store-matches-after-copy"]')).toHaveAttribute('data-state', 'holds');
});
