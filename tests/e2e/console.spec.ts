import { expect, test } from '@playwright/test';
import { openConsole, runSql, startLab } from './lab-driver.ts';

test('psql’s \\dt and \\d describe a service’s tables in the console, without touching the lab’s run', async ({ page }) => {
  const root = await startLab(page);
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Bank A', '\\dt');
  await expect(sqlConsole.getByRole('table', { name: /^LIST OF TABLES/ })).toContainText('accounts');
  await runSql(sqlConsole, 'Bank A', '\\d accounts');
  const table = sqlConsole.getByRole('table', { name: /^TABLE "PUBLIC.ACCOUNTS"/ });
  await expect(table).toContainText('balance');
  await expect(sqlConsole).toContainText('PRIMARY KEY');
  // Reading the catalog is not an input: the lab is still at step 0 with nothing recorded.
  await expect(root).toHaveAttribute('data-step', '0');
  await expect(root).toHaveAttribute('data-status', 'ready');
});

test('a transaction the reader begins stays open between runs, with a badge, and the lab waits until it ends', async ({ page }) => {
  const root = await startLab(page);
  const sqlConsole = await openConsole(root);
  await root.getByRole('button', { name: 'Transfer 30 from Alice to Bob' }).click();
  await runSql(sqlConsole, 'Bank A', "BEGIN; UPDATE accounts SET balance = 0 WHERE id = 'alice'");
  await expect(sqlConsole.getByRole('status').filter({ hasText: 'Transaction open' })).toBeVisible();
  await expect(root.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  await expect(root.locator('.lab-clock')).toContainText('waiting for your transaction on Bank A');
  await runSql(sqlConsole, 'Bank A', "SELECT balance FROM accounts WHERE id = 'alice'");
  await expect(sqlConsole.getByRole('table')).toContainText('0');
  await runSql(sqlConsole, 'Bank A', 'ROLLBACK');
  await expect(sqlConsole.getByText('Transaction open')).toHaveCount(0);
  await expect(root.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
});
