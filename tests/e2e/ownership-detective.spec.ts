import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/ownership/who-owns/';

// Common ownership is reference data written by several services, whatever their number; a business table with
// more than one writer is joint.
const CLASSIFY = `SELECT table_name,
  CASE WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 0 THEN 'none'
    WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 1 THEN 'single'
    WHEN table_name = 'zip_codes' THEN 'common' ELSE 'joint' END AS ownership,
  CASE WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 1
    THEN min(service) FILTER (WHERE op <> 'SELECT') END AS owner
FROM audit.write_log GROUP BY table_name`;

test('a month of work fills the write matrix, and the classification query passes on hidden months', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'ownership-detective');
  await expect(root.locator('[data-service]')).toHaveCount(10);

  await act(root, 'Run a month of work');
  await playUntilQuiet(root);
  const monolith = root.locator('.lab-table-group').filter({ hasText: 'Monolith' });
  const matrix = monolith.getByRole('table', { name: /^write matrix/i });
  await expect(matrix.getByRole('row')).toHaveCount(8);
  // Ticket writes customers through the trigger; Reporting only reads.
  await expect(matrix.getByRole('row', { name: /customers/ })).toContainText(/W\d+ R\d+/);
  for (const id of ['every-change-logged', 'every-table-traced']) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }

  const exercise = page.locator('[data-exercise="classify-every-table"]');
  await exercise.scrollIntoViewIfNeeded();
  // Enabled once the island has run and the lab has started: text typed before that would be lost.
  await expect(exercise.getByRole('button', { name: 'Check my work' })).toBeEnabled();
  await exercise.getByLabel(/Your SQL/).fill("SELECT 'tickets', 'joint', NULL");
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  await expect(exercise).toContainText('your query missed', { timeout: 60_000 });

  await exercise.getByLabel(/Your SQL/).fill(CLASSIFY);
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  await expect(exercise).toHaveAttribute('data-completed', 'true', { timeout: 90_000 });
});
