import { expect, test } from '@playwright/test';
import { CHAPTER, lab, openConsole, runSql, startLab, typeSql } from './lab-driver.ts';

test('after one visit and the offline button, pages, search and a lab work with the network off', async ({ page, context }) => {
  await page.goto('/start/offline/');
  // The service worker precaches pages and search on its first install; `ready` resolves once it is active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const copy = page.locator('.offline-copy');
  await expect(copy).toHaveAttribute('data-offline', 'ready');
  const button = copy.getByRole('button', { name: /^Make every lab available offline \(\d+\.\d MB\)$/ });
  await button.click();
  await expect(copy).toHaveAttribute('data-offline', 'done', { timeout: 60_000 });
  await expect(copy.getByRole('status')).toContainText('Every lab is available offline');

  await context.setOffline(true);
  // A page never opened before, served by the service worker.
  await page.goto('/ownership/who-owns/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who owns this table?');

  await page.getByRole('button', { name: 'Search' }).click();
  const search = page.getByRole('dialog', { name: 'Search' });
  await search.getByRole('textbox', { name: 'Search' }).fill('coordinator');
  await expect(search.getByRole('link', { name: /two-phase commit/i }).first()).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');

  const root = await startLab(page, CHAPTER);
  await expect(lab(page)).toHaveAttribute('data-status', 'ready');
  await expect(root.getByRole('button', { name: 'Transfer 30 from Alice to Bob' })).toBeEnabled();

  // Stopping a statement starts a new worker: with the network off, everything it needs is already here.
  const sqlConsole = await openConsole(root);
  await typeSql(sqlConsole, 'Bank A', 'SELECT pg_sleep(3600)');
  await sqlConsole.getByRole('button', { name: 'Run' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'running');
  await sqlConsole.getByRole('button', { name: 'Stop' }).click();
  await expect(root.getByRole('alert')).toContainText('Bank A');
  await runSql(sqlConsole, 'Bank A', 'SELECT balance FROM accounts ORDER BY id');
  await expect(sqlConsole.getByRole('table')).toContainText('100');
  await context.setOffline(false);
});
