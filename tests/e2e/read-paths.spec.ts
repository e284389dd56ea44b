import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/reading/call-copy-or-cache/';
const INVARIANTS = ['copy-converges', 'cache-converges', 'no-phantom-reads', 'copy-never-goes-back'];

const VERSIONED_APPLY = `INSERT INTO customer_copy (customer_id, name, plan, version, copied_at)
SELECT DISTINCT ON (customer_id) customer_id, name, plan, version, received_at
FROM incoming_changes ORDER BY customer_id, version DESC
ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, plan = excluded.plan,
  version = excluded.version, copied_at = excluded.copied_at
WHERE excluded.version > customer_copy.version`;

test('a page by calls reaches Customers six times, through the chain six more, by the copy not at all and stale after a rename; the apply is checked on hidden runs', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'read-paths');
  await expect(root.locator('[data-service]')).toHaveCount(5);
  const timeline = root.locator('.lab-timeline-text');
  const reads = root.locator('[data-measure="reads"]');
  const load = root.locator('[data-measure="owner-load"]');

  await act(root, 'Open the queue');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('queue page 1 (call)');
  await expect(load).toContainText('6 calls');

  // The chain: the same six calls, each through Support profiles, which logs the budget it was given.
  await root.getByRole('button', { name: 'Read path: call through Support profiles', exact: true }).click();
  await act(root, 'Open the queue');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('queue page 2 (chain)');
  await expect(load).toContainText('12 calls');
  await expect(root.getByRole('table', { name: /^hop_log/i })).toContainText('answered');

  await root.getByRole('button', { name: 'Read path: replicated columns', exact: true }).click();
  await act(root, 'Customer c1 changes their name');
  await act(root, 'Open the queue');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('queue page 3 (copy)');
  await expect(reads).toContainText('replicated columns: 1 read');
  await expect(load).toContainText('12 calls');
  await expect(root.getByRole('table', { name: /^customer_copy/i })).toContainText('Lindqvist');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const apply = page.locator('[data-exercise="write-the-apply"]');
  await apply.scrollIntoViewIfNeeded();
  await apply.getByRole('textbox').fill(VERSIONED_APPLY);
  await apply.getByRole('button', { name: 'Check my work' }).click();
  await expect(apply.getByRole('status')).toContainText('Passed', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  // The chapter's own tables are static HTML, measured by the same lab: every read path, then the chain beside the direct call.
  const measured = page.getByRole('table', { name: /Measured by the read-paths lab/ });
  await expect(measured.first()).toContainText('replicated columns');
  await expect(measured.nth(1)).toContainText('chain, Customers slow, every hop retries');
});
