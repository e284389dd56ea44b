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
