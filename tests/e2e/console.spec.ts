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
