/** The chapter's comparison tables, checked against the lab's standard runs (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { contractTableRows, freshnessTableRows, type ComparisonFile } from './comparison-table.ts';
import committedJson from './comparison.generated.json';
import { dataMeshLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = dataMeshLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    await measureComparison(lab, env.databases),
    'src/labs/data-mesh/comparison.test.ts',
  );
}, 120_000);

it('shows what the chapter says: contract tests keep every consumer working, the policy check finds the raw email either way', () => {
  const committed: ComparisonFile = committedJson;
  const [off, on] = committed.runs;
  expect(off?.brokenQueries).toBe(2);
  expect(off?.errorCodes).toEqual(['42703', '42883']);
  expect(off).toMatchObject({ changesDeployed: 2, changesRefusedPublishedV2: 0, contractBreaches: 2 });
  expect(on).toMatchObject({ brokenQueries: 0, failedRuns: 0, changesDeployed: 0, changesRefusedPublishedV2: 2, contractBreaches: 0 });
  for (const run of [off, on]) {
    expect(run?.policyViolations).toEqual(['billing:billing_products.payers_v1.email']);
    expect(run?.internalReadable).toBe(0);
    expect(run?.productsReadable).toBe(run?.products);
  }
  // The stalled publishing job takes Billing's invoices past its objective; Support's products stay within theirs.
  const invoices = committed.freshness.find((f) => f.product === 'billing: invoices_v1');
  expect(invoices?.overSlo).toBeGreaterThan(0);
  for (const f of committed.freshness.filter((x) => x.product.startsWith('support'))) expect(f.overSlo).toBe(0);
  expect(committed.freshness.map((f) => f.product)).toContain('support: tickets_v2');
  expect(contractTableRows(committed)).toHaveLength(2);
  expect(freshnessTableRows(committed).length).toBeGreaterThanOrEqual(5);
});
