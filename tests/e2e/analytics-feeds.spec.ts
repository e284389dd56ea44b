import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/analytics/feeding-analytics/';

test('late closures are dropped by stream v1, a replay deploys v2 that counts them, and the direct sync shows a second writer', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'analytics-feeds');
  await expect(root.locator('[data-service]')).toHaveCount(4);
  const timeline = root.locator('.lab-timeline-text');

  await root.getByRole('checkbox', { name: /^Late events/ }).check();
  await act(root, 'Run 4 days of tickets');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('arrived after their day had closed, dropped');
  await expect(root.locator('[data-measure="feeds"]')).toContainText('Change stream (v1)');
  await expect(root.locator('[data-measure="late"]')).toContainText('stream_v1');
  await expect(root.locator('[data-invariant="batch-equals-truth-at-cutoff"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-invariant="one-writer-per-table"]')).toHaveAttribute('data-state', 'broken');

  await act(root, 'Deploy v2 (count late events) by replay');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('the stream report now reads stream_v2');
  await expect(root.locator('[data-invariant="stream-table-equals-replay"]')).toHaveAttribute('data-state', 'holds');

  const replay = page.locator('[data-exercise="replay-to-v2"]');
  await replay.scrollIntoViewIfNeeded();
  await replay.getByRole('button', { name: 'Check my work' }).click();
  await expect(replay.getByRole('status')).toContainText('Passed', { timeout: 60_000 });

  // The chapter's own tables are static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the analytics-feeds lab/ }).first()).toContainText('Kappa');
});
