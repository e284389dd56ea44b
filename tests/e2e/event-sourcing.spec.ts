import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/events/event-sourcing/';
const INVARIANTS = ['snapshots-agree', 'state-agrees', 'no-overdraft', 'versions-contiguous', 'projections-agree'];

const FOLD = `SELECT stream,
  sum(CASE type WHEN 'deposited' THEN cents WHEN 'withdrawn' THEN -cents ELSE 0 END)::int AS balance_cents,
  max(version) AS version
FROM (SELECT stream, version, type,
  CASE WHEN schema = 1 THEN round((data->>'amount')::numeric * 100)::int ELSE (data->>'cents')::int END AS cents
  FROM events) e
GROUP BY stream`;

test('two withdrawals collide on one version and the second is decided again; the summary is fixed by replay; the fold is checked on hidden runs', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'event-sourcing');
  await expect(root.locator('[data-service]')).toHaveCount(3);
  const timeline = root.locator('.lab-timeline-text');

  await act(root, 'Open Dave’s account with 100.00');
  await playUntilQuiet(root);
  await act(root, 'Two tellers withdraw 80.00 from Dave at once');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('version 3 of acc-dave is taken (23505)');
  await expect(root.locator('[data-measure="concurrency"]')).toContainText('1 version conflict (23505)');
  await expect(root.getByRole('table', { name: /^commands/i })).toContainText('insufficient funds');

  await act(root, 'Load a day of history (1,000 events)');
  await playUntilQuiet(root);
  await expect(root.locator('[data-invariant="projections-agree"]')).toHaveAttribute('data-state', 'broken');
  await act(root, 'Replay the summary into v2 and switch');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('account_summary now reads it');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const fold = page.locator('[data-exercise="fold-as-sql"]');
  await fold.scrollIntoViewIfNeeded();
  await fold.getByRole('textbox').fill(FOLD);
  await fold.getByRole('button', { name: 'Check my work' }).click();
  await expect(fold.getByRole('status')).toContainText('Passed', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  await expect(page.getByRole('table', { name: /Measured by the event-sourcing lab/ }).first()).toContainText('9,950');
});
