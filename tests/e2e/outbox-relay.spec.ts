import { expect, test } from '@playwright/test';
import { openConsole, playUntilQuiet, runSql, startLab } from './lab-driver.ts';

const CHAPTER = '/events/getting-events-out/';

test('the workload loses, invents and skips changes on the unsafe channels only; your own WAL message is found', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'outbox-relay');
  await expect(root.locator('[data-service]')).toHaveCount(3);

  await root.getByRole('button', { name: /^Run the workload/ }).click();
  await playUntilQuiet(root);
  const timeline = root.locator('.lab-timeline-text');
  await expect(timeline).toContainText('committed T-2@v2, then crashed before publishing it');
  await expect(timeline).toContainText('T-4@v2 (assigned to ana) is prepared and held for 700 ms');
  await expect(root.locator('[data-invariant="no-change-lost"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-invariant="no-change-lost"]')).toContainText('commit-then-publish, seq-copier');
  await expect(root.locator('[data-invariant="no-phantom-event"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-invariant="no-double-notification"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-measure="pipelines"]')).toContainText('Log-based capture from the WAL');
  await expect(root.getByRole('table', { name: /^copies/i })).toContainText('T-4');

  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Ticket service (Postgres)', "BEGIN; SELECT pg_logical_emit_message(true, 'mine', 'hello'); COMMIT;");
  const wal = page.locator('[data-exercise="read-your-wal"]');
  await wal.scrollIntoViewIfNeeded();
  await wal.getByRole('button', { name: 'Check my work' }).click();
  await expect(wal.getByRole('status')).toContainText('Passed', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  await expect(page.getByRole('table', { name: /Measured by the outbox-relay lab/ })).toContainText('Transactional outbox');
});
