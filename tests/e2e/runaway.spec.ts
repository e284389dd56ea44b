import { expect, test } from '@playwright/test';
import { act, openConsole, runSql, startLab, typeSql } from './lab-driver.ts';

test('a runaway statement is stopped, its service restored, and the page stays responsive', async ({ page }) => {
  const root = await startLab(page);
  await act(root, 'Transfer 30 from Alice to Bob');
  const sqlConsole = await openConsole(root);

  // The Stop button ends a statement that would run for a minute.
  await typeSql(sqlConsole, 'Bank A', 'SELECT pg_sleep(60)');
  await sqlConsole.getByRole('button', { name: 'Run' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'running');

  // While Postgres is stuck in its worker, the main thread still answers within a frame or two.
  const lag = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        setTimeout(() => resolve(performance.now() - t), 0);
      }),
  );
  expect(lag).toBeLessThan(200);

  await sqlConsole.getByRole('button', { name: 'Stop' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'idle');
  await expect(root.getByRole('alert')).toContainText('Bank A');

  // The restored database still answers, with the data it had before the statement.
  await runSql(sqlConsole, 'Bank A', 'SELECT balance FROM accounts');
  await expect(sqlConsole.getByRole('table')).toContainText('100');
});

test('the watchdog stops a statement that waits for ever on a prepared transaction’s lock', async ({ page }) => {
  const root = await startLab(page);
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Bank A', "BEGIN; UPDATE accounts SET balance = balance - 1 WHERE id = 'alice'; PREPARE TRANSACTION 'held';");
  const started = Date.now();
  await runSql(sqlConsole, 'Bank A', "UPDATE accounts SET balance = 0 WHERE id = 'alice'");
  expect(Date.now() - started).toBeGreaterThan(9_000);
  await expect(sqlConsole).toContainText('LAB-STOPPED');
  await expect(sqlConsole).toContainText('watchdog');
  // Restored from the snapshot taken just before the UPDATE: the prepared transaction is still there.
  await runSql(sqlConsole, 'Bank A', 'SELECT gid FROM pg_prepared_xacts');
  await expect(sqlConsole.getByRole('table')).toContainText('held');
  await runSql(sqlConsole, 'Bank A', "ROLLBACK PREPARED 'held'");
  await runSql(sqlConsole, 'Bank A', 'SELECT balance FROM accounts');
  await expect(sqlConsole.getByRole('table')).toContainText('100');
});
