import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/boundaries/transactional-boundaries/';

test('two overlapping bookings lose an update; the atomic update does not; SERIALIZABLE is checked on hidden runs', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'isolation');
  await expect(root.locator('[data-service]')).toHaveCount(2);
  const timeline = root.locator('.lab-timeline-text');

  await act(root, 'Two bookings at once');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('p01’s booking is written, not committed: prepared, holding its locks');
  await expect(timeline).toContainText('p02’s write would wait for p01’s lock');
  await expect(root.locator('[data-invariant="counter-agrees"]')).toHaveAttribute('data-state', 'broken');

  await root.getByRole('button', { name: 'Method: Atomic UPDATE … WHERE seats_left > 0', exact: true }).click();
  await act(root, 'Run the workload (12 requests, 7 seats)');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="per-method"]')).toContainText('atomic-update: 7 booked, 0 oversold, 0 lost updates');

  const skew = page.locator('[data-exercise="stop-write-skew"]');
  await skew.scrollIntoViewIfNeeded();
  await skew.getByRole('textbox').fill('SERIALIZABLE');
  await skew.getByRole('button', { name: 'Check my work' }).click();
  await expect(skew.getByRole('status')).toContainText('Passed', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');
});
