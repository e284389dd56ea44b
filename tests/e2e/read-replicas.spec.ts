import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/reading/consistency-you-can-feel/';
const INVARIANTS = ['followers-converge', 'replayed-in-order', 'no-orphan-replies'];

test('a post read back from a follower misses the comment, a position token does not, and the figures fill', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'read-replicas');
  await expect(root.locator('[data-service]')).toHaveCount(5);

  // Any follower: the reload beats both followers' replay, so Alice's own comment is missing.
  await act(root, 'Alice posts a comment');
  await playUntilQuiet(root);
  const anomalies = root.locator('[data-measure="anomalies"]');
  const row = (policy: string) => anomalies.getByRole('row').filter({ has: page.getByRole('cell', { name: policy, exact: true }) });
  await expect(row('any').getByRole('cell')).toHaveText(['any', '1', '1', '0', '0']);

  // Waiting for her position: the follower holds the reload until it has replayed her comment.
  await act(root, 'Reads: wait for my position');
  await act(root, 'Alice posts a comment');
  await playUntilQuiet(root);
  await expect(row('token').getByRole('cell')).toHaveText(['token', '1', '0', '0', '0']);
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-measure="lag"]').getByRole('table')).toContainText('follower-2');

  // Sticky sessions keep reads monotonic, not fresh: the exercise checks the router's own log.
  await act(root, 'Reads: sticky session');
  await act(root, 'Alice posts a comment');
  await playUntilQuiet(root);
  const sticky = page.locator('[data-exercise="sticky-misses-own-write"]');
  await sticky.scrollIntoViewIfNeeded();
  await sticky.getByRole('button', { name: 'Check my work' }).click();
  await expect(sticky.getByRole('status')).toContainText('Passed');

  // The chapter's own table is static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the read-replicas lab/ })).toHaveCount(2);
  await expect(page.getByRole('table', { name: /Measured by the read-replicas lab/ }).last()).toContainText('Leader only');
});
