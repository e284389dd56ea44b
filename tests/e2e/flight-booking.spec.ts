import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/boundaries/aggregates/';
const INVARIANTS = ['seat-behind-every-booking', 'within-limit', 'one-apology-each', 'holds-lapse', 'every-booking-ticketed'];
const SAVE = "UPDATE flights SET seats_sold = :sold + 1, version = :version + 1 WHERE id = 'DS303' AND version = :version";

test('one flight aggregate: saves match 0 rows; small aggregates: holds skip each other; the save is checked on hidden runs', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const root = await startLab(page, CHAPTER, 'flight-booking');
  await expect(root.locator('[data-service]')).toHaveCount(3);
  const timeline = root.locator('.lab-timeline-text');
  const measured = root.locator('[data-measure="per-model"]');

  await act(root, 'Run the workload (24 passengers, 15 seats)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('matched 0 rows');
  await expect(measured).toContainText(/One flight aggregate: \d+ booked, [1-9]\d* conflicts/);

  await root.getByRole('button', { name: 'Model: small aggregates and holds', exact: true }).click();
  await act(root, 'Run the workload (24 passengers, 15 seats)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('holds prepared at once');
  await expect(measured).toContainText('Small aggregates + holds:');
  await expect(measured).toContainText('0 conflicts');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  await expect(root.getByRole('table', { name: /^tickets/i })).toContainText('DS303');

  const save = page.locator('[data-exercise="version-checked-save"]');
  await save.scrollIntoViewIfNeeded();
  await save.getByRole('textbox').fill(SAVE);
  await save.getByRole('button', { name: 'Check my work' }).click();
  await expect(save.getByRole('status')).toContainText('Passed', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  await expect(page.getByRole('table', { name: /Measured by the flight-booking lab/ })).toContainText('Small aggregates + holds');
});
