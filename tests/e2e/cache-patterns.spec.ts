import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/reading/caching/';
const INVARIANTS = ['fresh-when-invalidated', 'acknowledged-writes-held', 'versions-only-go-up'];

const VERSIONED_FILL = `INSERT INTO entries (product_id, name, price_cents, version, filled_at, expires_at)
SELECT i.product_id, i.name, i.price_cents, i.version, i.filled_at, i.expires_at FROM incoming i
WHERE i.version >= coalesce((SELECT f.version FROM fences f WHERE f.product_id = i.product_id), 0)
ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, price_cents = excluded.price_cents,
  version = excluded.version, filled_at = excluded.filled_at, expires_at = excluded.expires_at
WHERE excluded.version >= entries.version AND entries.expires_at IS NOT NULL`;

test('the race leaves an old price in the cache despite the delete; a versioned fill turns it away; the fix is checked on hidden interleavings', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'cache-patterns');
  await expect(root.locator('[data-service]')).toHaveCount(4);
  const reads = root.locator('[data-measure="reads"]');
  const row = (config: string) => reads.getByRole('row').filter({ has: page.getByRole('cell', { name: config, exact: true }) });

  // TTL only: the fill read before the update, and the three rereads serve the old version from the cache.
  await act(root, 'Play the race on product 8');
  await playUntilQuiet(root);
  await expect(row('cache-aside, TTL only, plain fill').getByRole('cell').nth(3)).toHaveText('3');

  // A delete on every write: the paused fill still lands after it, and the old price stays.
  await root.getByRole('button', { name: 'Invalidation: delete on every write', exact: true }).click();
  await act(root, 'Play the race on product 8');
  await playUntilQuiet(root);
  await expect(row('cache-aside, invalidate on write, plain fill').getByRole('cell').nth(3)).toHaveText('3');
  await expect(root.locator('.lab-timeline-text')).toContainText('ms stale');

  // The versioned fill is turned away by the fence the delete left.
  await root.getByRole('button', { name: 'Fill: versioned set', exact: true }).click();
  await act(root, 'Play the race on product 8');
  await playUntilQuiet(root);
  await expect(root.locator('.lab-timeline-text')).toContainText('turned away');
  await expect(row('cache-aside, invalidate on write, versioned fill').getByRole('cell').nth(3)).toHaveText('0');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const fix = page.locator('[data-exercise="fix-the-race"]');
  await fix.scrollIntoViewIfNeeded();
  await fix.getByRole('textbox').fill(VERSIONED_FILL);
  await fix.getByRole('button', { name: 'Check my work' }).click();
  await expect(fix.getByRole('status')).toContainText('Passed', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  // The chapter's own table is static HTML, measured by the same lab.
  const tables = page.getByRole('table', { name: /Measured by the cache-patterns lab/ });
  await expect(tables).toHaveCount(2);
  await expect(tables.last()).toContainText('write-back, versioned fill');
});
