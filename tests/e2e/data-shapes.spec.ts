import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/analytics/choosing/';
const INVARIANTS = ['documents-equal-join', 'key-values-equal-tables', 'search-and-vectors-cover-tickets'];

const RANKED = `SELECT id AS ticket_id FROM ticket_search, websearch_to_tsquery('english', 'card') q
WHERE words @@ q ORDER BY ts_rank(words, q) DESC, id LIMIT 5`;

test('the six patterns run on every shape with the same answers; a rename that forgets the documents breaks their invariant', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'data-shapes');
  await expect(root.locator('[data-service]')).toHaveCount(4);
  const timeline = root.locator('.lab-timeline-text');
  const patterns = root.locator('[data-measure="patterns"]');

  await act(root, 'Run the access patterns');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('key-value: within-hops returned');
  await expect(patterns).toContainText('every comparable answer equals the relational one');
  await expect(patterns.getByRole('table')).toContainText('vectors');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  await root.getByRole('checkbox', { name: /^Bug: a rename forgets the documents/ }).check();
  await act(root, 'Rename product 2');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="writes"]')).toContainText('product renamed');
  await expect(root.locator('[data-invariant="documents-equal-join"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-invariant="key-values-equal-tables"]')).toHaveAttribute('data-state', 'holds');

  const rank = page.locator('[data-exercise="rank-the-words"]');
  await rank.scrollIntoViewIfNeeded();
  await rank.getByRole('textbox').fill(RANKED);
  await rank.getByRole('button', { name: 'Check my work' }).click();
  await expect(rank.getByRole('status')).toContainText('Passed', { timeout: 60_000 });

  // The chapter's own tables are static HTML, measured by the same lab.
  await expect(page.getByRole('table', { name: /Measured by the data-shapes lab/ }).first()).toContainText('key-value');
});
