import { expect, test, type Locator } from '@playwright/test';
import { act, speedControl, startLab } from './lab-driver.ts';

const CHAPTER = '/boundaries/backups/';

async function step(root: Locator, times: number) {
  const button = root.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < times; i++) {
    await button.click();
    await expect(root).toHaveAttribute('data-status', 'ready');
  }
}

test('orders restored from a dump leaves payments without orders; a replay of the topic repairs them', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'backups');
  await expect(root.locator('[data-service]')).toHaveCount(5);

  await act(root, 'Open the shop for the day');
  await speedControl(root).selectOption('50');
  await root.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(root.getByRole('table', { name: /^payments \(newest first\)/i })).toContainText('O-004', { timeout: 60_000 });
  await root.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(root).toHaveAttribute('data-status', 'ready');

  await act(root, 'Bad UPDATE without WHERE');
  await act(root, 'Restore orders from the last dump');
  await step(root, 8);
  await expect(root.locator('.lab-timeline-text')).toContainText('UPDATE orders SET total_cents = 0: done, and committed');
  await expect(root.getByRole('table', { name: /^restore_runs/i })).toContainText('dump');

  await act(root, 'Cross-service check');
  await step(root, 6);
  await expect(root.locator('[data-invariant="payments-have-orders"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-measure="consistency"]')).toContainText('orphan payments');

  await act(root, 'Repair: replay the broker’s topic');
  await step(root, 10);
  for (const id of ['payments-have-orders', 'receipts-have-payments', 'restore-equals-backup'])
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  await expect(page.getByRole('table', { name: /Measured by the backups lab/ }).first()).toContainText('log every 15 s');
});
