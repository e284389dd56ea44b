/**
 * The hostile statements only a browser can stop (runaway ones, through the watchdog), Stop pressed the moment
 * after Run, a restore after the reader rewrote the server's configuration, and scripts hidden in values,
 * names and errors. The rest of the corpus runs in Node: src/labs/runtime/hostile-statements.test.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { HOSTILE_STATEMENTS, PWNED } from '../../src/labs/runtime/hostile-statements.ts';
import { lab, openConsole, runSql, startLab, typeSql } from './lab-driver.ts';

/** How long the main thread takes to run a task queued now: a frozen page answers late. */
const mainThreadLag = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        setTimeout(() => resolve(performance.now() - t), 0);
      }),
  );

async function stopRunaway(page: Page, sqlConsole: Locator, service: string, sql: string) {
  await typeSql(sqlConsole, service, sql);
  await sqlConsole.getByRole('button', { name: 'Run' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'running');
  expect(await mainThreadLag(page)).toBeLessThan(200);
  await sqlConsole.getByRole('button', { name: 'Stop' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'idle');
}

async function answersSelectOne(sqlConsole: Locator, service: string) {
  await runSql(sqlConsole, service, 'SELECT 1 AS alive');
  await expect(sqlConsole.getByRole('table')).toContainText('alive');
}

const runaway = (engine: 'postgres' | 'sqlite') => HOSTILE_STATEMENTS.filter((s) => s.engine === engine && s.kind === 'runaway');

test('runaway statements on Postgres are stopped, the service restored, and nothing a reader wrote can stop the restore', async ({
  page,
}) => {
  const root = await startLab(page);
  const sqlConsole = await openConsole(root);
  for (const statement of runaway('postgres')) {
    await stopRunaway(page, sqlConsole, 'Bank A', statement.sql);
    await expect(root.getByRole('alert')).toContainText('Bank A');
    await answersSelectOne(sqlConsole, 'Bank A');
  }

  // Settings that would stop Postgres from starting again, then a statement the watchdog must restore from.
  await runSql(sqlConsole, 'Bank A', "ALTER SYSTEM SET shared_buffers = '4GB'; ALTER DATABASE postgres SET search_path = nowhere");
  await stopRunaway(page, sqlConsole, 'Bank A', 'SELECT pg_sleep(3600)');
  await runSql(
    sqlConsole,
    'Bank A',
    "SELECT current_setting('shared_buffers') AS buffers, current_setting('search_path') AS path, balance FROM accounts",
  );
  await expect(sqlConsole.getByRole('table')).toContainText('16MB');
  await expect(sqlConsole.getByRole('table')).toContainText('100');

  // Stop the moment after Run: the statement must not keep running until the limit.
  await typeSql(sqlConsole, 'Bank A', 'SELECT pg_sleep(3600)');
  await sqlConsole.getByRole('button', { name: 'Run' }).click();
  await sqlConsole.getByRole('button', { name: 'Stop' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'idle');
  const started = Date.now();
  await answersSelectOne(sqlConsole, 'Bank A');
  expect(Date.now() - started).toBeLessThan(8_000);

  await expect(root).toHaveAttribute('data-status', 'ready');
  await expect(root.getByRole('table', { name: /accounts/i }).first()).toContainText('100');
  await answersSelectOne(sqlConsole, 'Bank B');
});

test('a runaway statement on SQLite is stopped and the read model restored', async ({ page }) => {
  const root = await startLab(page, '/reading/cqrs/', 'cqrs-lag');
  const sqlConsole = await openConsole(root);
  for (const statement of runaway('sqlite')) {
    await stopRunaway(page, sqlConsole, 'Read model + projector (SQLite)', statement.sql);
    await answersSelectOne(sqlConsole, 'Read model + projector (SQLite)');
  }
  await expect(lab(page, 'cqrs-lag')).toHaveAttribute('data-status', 'ready');
});

test('scripts hidden in values, column names, table names and errors are shown as text and never run', async ({ page }) => {
  const root = await startLab(page);
  const sqlConsole = await openConsole(root);
  for (const statement of HOSTILE_STATEMENTS.filter((s) => s.engine === 'postgres' && s.kind === 'injection')) {
    await runSql(sqlConsole, 'Bank A', statement.sql);
    await expect(sqlConsole).toContainText(`${PWNED}=1`);
  }
  // Had any of it become markup, these elements would exist (and their handlers would have set the marker).
  await expect(page.locator('img[src="x"], svg[onload], script:text("__labPwned")')).toHaveCount(0);
  await expect(root).toHaveAttribute('data-status', 'ready');
  expect(await page.evaluate((marker) => (window as unknown as Record<string, unknown>)[marker], PWNED)).toBeUndefined();
});
