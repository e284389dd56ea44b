import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/boundaries/personal-data/';
const INVARIANTS = ['grants-hold', 'erasure-reaches-copies', 'catalog-knows-every-copy'];

test('roles probed by Postgres, an erasure two ways, and the region policy checked on hidden rows', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'personal-data');
  await expect(root.locator('[data-service]')).toHaveCount(4);
  const timeline = root.locator('.lab-timeline-text');

  await act(root, 'Sign up 6 customers, then back up');
  await playUntilQuiet(root);
  await expect(root.getByRole('table', { name: /^customer_contacts/i })).toContainText('sealed');

  await act(root, 'Probe as each role');
  await playUntilQuiet(root);
  const access = root.locator('[data-measure="access"]');
  await expect(access).toContainText('refused with 42501');
  await expect(access.getByRole('table')).toContainText('support_eu');

  await act(root, 'Erase a customer (right to be forgotten)');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('customer_events: refused');
  const erasure = root.locator('[data-measure="erasure"]');
  await expect(erasure).toContainText('C-1 clear in event-log, backup');
  await expect(erasure.getByRole('table')).toContainText('Crypto-shredding');
  for (const id of INVARIANTS) await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');

  const policy = page.locator('[data-exercise="region-policy"]');
  await policy.scrollIntoViewIfNeeded();
  await policy.getByRole('textbox').fill("CREATE POLICY support_us_sees_us ON customers FOR SELECT TO support_us USING (region = 'us')");
  await policy.getByRole('button', { name: 'Check my work' }).click();
  await expect(policy.getByRole('status')).toContainText('Passed', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  await expect(page.getByRole('table', { name: /Measured by the personal-data lab/ })).toContainText('Crypto-shredding');
});
