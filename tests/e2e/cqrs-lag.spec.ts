import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/reading/cqrs/';
const INVARIANTS = ['read-model-converges', 'every-order-visible', 'no-event-applied-twice'];

const VERSIONED_UPSERT = `INSERT INTO my_orders (order_id, customer_id, status, items, total_cents, placed_at, version, position)
SELECT order_id, customer_id, status, items, total_cents, placed_at, version, position FROM incoming WHERE true
ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, items = excluded.items,
  total_cents = excluded.total_cents, version = excluded.version, position = excluded.position
WHERE excluded.version > my_orders.version`;

test('an order read at once is missing from the read model; read-your-writes shows it; the upsert is checked on hidden runs', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'cqrs-lag');
  await expect(root.locator('[data-service]')).toHaveCount(4);
  const timeline = root.locator('.lab-timeline-text');
  const reads = root.locator('[data-measure="reads-after-write"]');

  await act(root, 'Place an order');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('My orders after placing Y-1: Y-1 is not there');
  await expect(reads).toContainText('No fix: 1 of 1 stale');
  await expect(root.getByRole('table', { name: /^my_orders/i })).toContainText('confirmed');

  await root.getByRole('button', { name: 'Fix: read-your-writes', exact: true }).click();
  await act(root, 'Place an order');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('My orders after placing Y-2: Y-2 is placed (v1)');
  await expect(reads).toContainText('Read-your-writes: 0 of 1 stale');
  await expect(reads.getByRole('table')).toContainText('Read-your-writes');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const upsert = page.locator('[data-exercise="write-the-upsert"]');
  await upsert.scrollIntoViewIfNeeded();
  await upsert.getByRole('textbox').fill(VERSIONED_UPSERT);
  await upsert.getByRole('button', { name: 'Check my work' }).click();
  await expect(upsert.getByRole('status')).toContainText('Passed', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  // The chapter's own table is static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the cqrs-lag lab/ })).toContainText('Version token');
});
