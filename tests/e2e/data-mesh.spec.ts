import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab, stepUntilQuiet } from './lab-driver.ts';

const CHAPTER = '/analytics/data-mesh/';

test('a rename breaks marketing without contract tests; with them it is published as v2, and the policy check finds a raw email', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'data-mesh');
  await expect(root.locator('[data-service]')).toHaveCount(5);
  const timeline = root.locator('.lab-timeline-text');

  await root.getByRole('checkbox', { name: /^Billing publishes a product with raw emails/ }).check();
  await act(root, 'Run the workload (3,000 ms)');
  await act(root, 'Support renames customer_id to account_id in tickets');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('42703 column "customer_id" does not exist');
  await expect(timeline).toContainText('policy check in billing: billing_products.payers_v1.email');
  await expect(root.locator('[data-invariant="served-versions-keep-their-contracts"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-invariant="personal-data-masked"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-measure="consumer"]')).toContainText('42703');

  await root.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(root).toHaveAttribute('data-status', 'ready');
  // The switch reaches both domains' pipelines before the change is pressed.
  await act(root, 'Turn contract tests on');
  await stepUntilQuiet(root);
  await act(root, 'Run the workload (3,000 ms)');
  await act(root, 'Support renames customer_id to account_id in tickets');
  await playUntilQuiet(root);
  await expect(timeline).toContainText('the contract test refused rename tickets.customer_id to account_id');
  await expect(root.locator('[data-invariant="served-versions-keep-their-contracts"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-invariant="consumer-reads-only-products"]')).toHaveAttribute('data-state', 'holds');

  const evolve = page.locator('[data-exercise="evolve-without-breaking"]');
  await evolve.scrollIntoViewIfNeeded();
  await evolve.getByRole('button', { name: 'Check my work' }).click();
  await expect(evolve.getByRole('status')).toContainText('Passed', { timeout: 60_000 });

  // With contract tests on, both breaking changes were published as v2 and none onto v1.
  const measured = page.getByRole('table', { name: /Measured by the data-mesh lab/ }).first();
  await expect(measured).toContainText('onto v1 / as v2');
  await expect(measured.getByRole('row').filter({ hasText: /^on/ })).toContainText('0 / 2');
});
