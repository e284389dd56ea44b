import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/transactions/eventual-consistency/';
const INVARIANTS = ['sync-counts-converge', 'request-counts-converge', 'event-counts-converge', 'no-double-counting'];
const MEASURES = ['inconsistency-window', 'outage', 'coupling', 'recovery'];

test('the workload runs through all three patterns, every count converges, and the measured table fills', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'eventual-consistency');
  await expect(root.locator('[data-service]')).toHaveCount(7);

  await act(root, 'Run the workload (20 requests)');
  await playUntilQuiet(root);
  for (const id of INVARIANTS) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }

  const window = root.locator('[data-measure="inconsistency-window"]');
  await expect(window).toContainText('Background synchronization: longest');
  await expect(window.getByRole('table')).toContainText('Event-based');
  for (const id of MEASURES) await expect(root.locator(`[data-measure="${id}"]`).getByRole('table')).toBeVisible();
  await expect(root.locator('[data-measure="coupling"]')).toContainText('sync_job reads customers, sync, tickets');

  // The chapter's own table is static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the eventual-consistency lab/ })).toContainText('Orchestrated request-based');
});
