import { expect, test } from '@playwright/test';
import { act, openConsole, playUntilQuiet, runSql, startLab } from './lab-driver.ts';

const CHAPTER = '/operational-data/shared-database/';

test('a rename on the shared database breaks two services, the same rename on the owner’s database one, and the exercise checks it', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'schema-blast-radius');
  await expect(root.locator('[data-service]')).toHaveCount(8);
  // The map names a service that keeps no data of its own as having no database.
  await expect(root.getByRole('button', { name: 'Ticket: running; no database' })).toBeVisible();

  await act(root, 'Run every request on the shared database');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="shared-round"]')).toContainText('All 8 queries answered');
  for (const id of ['shared-queries-run', 'split-queries-run']) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }

  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Shared database', 'ALTER TABLE experts RENAME COLUMN name TO full_name');
  const shared = root.locator('[data-invariant="shared-queries-run"]');
  await expect(shared).toHaveAttribute('data-state', 'broken');
  await expect(shared).toContainText('open-tickets');
  await expect(shared).toContainText('expert-scores');
  await expect(shared).toContainText('42703');
  await expect(root.locator('[data-invariant="split-queries-run"]')).toHaveAttribute('data-state', 'holds');

  await act(root, 'Run every request on the shared database');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="shared-round"]')).toContainText(
    '2 of 3 services got errors on the shared database: ticket, reporting',
  );

  await runSql(sqlConsole, 'Ticket database', 'ALTER TABLE experts RENAME COLUMN name TO full_name');
  const split = root.locator('[data-invariant="split-queries-run"]');
  await expect(split).toHaveAttribute('data-state', 'broken');
  await expect(split).toContainText('one service: ticket');

  const exercise = page.locator('[data-exercise="break-only-billing"]');
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  await expect(exercise.getByRole('status')).toContainText('Not yet');

  await root.scrollIntoViewIfNeeded();
  await runSql(sqlConsole, 'Shared database', 'ALTER TABLE experts RENAME COLUMN full_name TO name');
  await runSql(sqlConsole, 'Shared database', 'ALTER TABLE customers RENAME COLUMN email TO email_address');
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  await expect(exercise.getByRole('status')).toContainText('Passed: Only Billing fails');
  await expect(exercise).toHaveAttribute('data-completed', 'true');
});
