import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/transactions/sagas/';
const INVARIANTS = ['stock-conserved', 'money-conserved', 'sagas-finish', 'no-shipment-without-payment', 'undo-newest-first'];

test('an orchestrated order completes, a declined choreographed one is compensated, and every invariant holds', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'order-saga');
  await expect(root.locator('[data-service]')).toHaveCount(6);

  await act(root, 'Place an order (orchestrated)');
  await playUntilQuiet(root);
  const orders = root.locator('.lab-table-group').filter({ hasText: 'Orders' });
  await expect(orders.getByRole('table', { name: /^orders/i })).toContainText('completed');

  await root.getByRole('checkbox', { name: /^Payment declined/ }).check();
  await act(root, 'Place an order (choreographed)');
  await playUntilQuiet(root);
  await expect(orders.getByRole('table', { name: /^orders/i })).toContainText('cancelled');
  for (const id of INVARIANTS) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }
});

test('a partition between the broker and Inventory holds an order up until the network heals', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'order-saga');
  const partition = root.getByRole('checkbox', { name: /^Partition between the broker and Inventory/ });
  await partition.check();
  await act(root, 'Place an order (orchestrated)');
  // Both ends keep retrying while the partition lasts, so the lab never goes quiet: step a while instead.
  const step = root.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40; i++) {
    await step.click();
    await expect(root).toHaveAttribute('data-status', 'ready');
  }
  await expect(root.locator('.lab-clock')).not.toContainText('quiet');
  await partition.uncheck();
  await playUntilQuiet(root);
  const orders = root.locator('.lab-table-group').filter({ hasText: 'Orders' });
  await expect(orders.getByRole('table', { name: /^orders/i })).toContainText(/completed|cancelled/);
  for (const id of INVARIANTS) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }
});

test('the choosing chapter checks exercises on both labs it embeds', async ({ page }) => {
  const saga = await startLab(page, '/transactions/choosing/', 'order-saga');
  const report = page.locator('[data-exercise="report-what-was-kept"]');
  await report.scrollIntoViewIfNeeded();
  await report.getByRole('textbox').fill("SELECT coalesce(sum(CASE WHEN kind = 'charge' THEN amount ELSE -amount END), 0) FROM payments");
  await report.getByRole('button', { name: 'Check my work' }).click();
  // The check replays two hidden batches on the lab's own databases.
  await expect(report.getByRole('status')).toContainText('Passed', { timeout: 90_000 });
  await expect(saga).toHaveAttribute('data-status', 'ready');

  const bank = page.locator('[data-lab="two-phase-commit"]').first();
  await bank.scrollIntoViewIfNeeded();
  await bank.getByRole('button', { name: /^Start/ }).click();
  await expect(bank).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await act(bank, 'Transfer 30 from Alice to Bob');
  await playUntilQuiet(bank);
  const refused = page.locator('[data-exercise="refused-by-a-lock"]');
  await refused.scrollIntoViewIfNeeded();
  await refused.getByRole('button', { name: 'Check my work' }).click();
  await expect(refused.getByRole('status')).toContainText('Not yet: The coordinator’s log holds 1 transfer and none was aborted');
});
