import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/events/inside-out/';
const INVARIANTS = ['views-equal-fold', 'views-catch-up', 'rebuilds-match'];

test('the history lands in every view; a dropped view is rebuilt with the same hash; a late cache catches up; the rebuild exercise passes', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'log-views');
  await expect(root.locator('[data-service]')).toHaveCount(4);
  const timeline = root.locator('.lab-timeline-text');

  await act(root, 'Load a year of history (1,000 events)');
  await playUntilQuiet(root);
  await expect(root.getByRole('table', { name: /^orders_per_customer/i })).toContainText('Customer');
  await act(root, 'Drop the reporting view and rebuild it from position 0');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('equals the one before the drop');
  await expect(root.locator('[data-measure="rebuilds"]')).toContainText('hash equal');

  await act(root, 'Add a third store: the key-value cache');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="catch-up"]')).toContainText('writer schema unchanged');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const rebuild = page.locator('[data-exercise="rebuild-and-prove"]');
  await rebuild.scrollIntoViewIfNeeded();
  await rebuild.getByRole('button', { name: 'Check my work' }).click();
  await expect(rebuild.getByRole('status')).toContainText('Passed', { timeout: 60_000 });

  await expect(page.getByRole('table', { name: /Measured by the log-views lab/ }).first()).toContainText('dropped and rebuilt');
});
