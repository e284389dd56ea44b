/** The chapter's comparison tables, checked against the lab's standard runs (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { layoutTableRows, pipelineTableRows, reportTableRows, type ComparisonFile } from './comparison-table.ts';
import committedJson from './comparison.generated.json';
import { warehouseLab } from './lab.ts';
import { measureComparison, type Comparison } from './standard-run.ts';

const lab = warehouseLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

/** Engine time is measured afresh on every run; the committed file keeps the one measured when it was written. */
function withCommittedEngineTime(measured: Comparison, committed: ComparisonFile): Comparison {
  if (process.env['WRITE_COMPARISON'] === '1') return measured;
  expect(measured.pipeline.lastRunMs).toBeGreaterThan(0);
  return { ...measured, pipeline: { ...measured.pipeline, lastRunMs: committed.pipeline.lastRunMs } };
}

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    withCommittedEngineTime(measured, committedJson),
    'src/labs/warehouse-layers/comparison.test.ts',
  );
}, 180_000);

it('shows what the chapter says it shows', () => {
  const committed = committedJson as ComparisonFile;
  const [mid, end, after, byName] = committed.reports;
  // Before the late events land, both dimensions miss tickets; after, type 2 is exact and type 1 is not.
  expect(end?.type2Off).toBeGreaterThan(0);
  expect(after?.type2Off).toBe(0);
  expect(after?.type1Off).toBeGreaterThan(0);
  expect(mid?.run).toBe(1);
  // Run by name, gold is built from the previous run's silver.
  expect(byName?.type2Off).toBeGreaterThan(0);
  const p = committed.pipeline;
  expect(p.duplicatesRemoved).toBeGreaterThan(0);
  expect(p.rejectedNotNull + p.rejectedKnownCustomer + p.clockAheadInGold).toBe(p.badSent);
  expect(p.factRows).toBe(p.silverTickets);
  expect(committed.layout.rowPages).toBeGreaterThan(5 * committed.layout.columnPages);
  expect(reportTableRows(committed)).toHaveLength(4);
  expect(pipelineTableRows(committed)).toHaveLength(8);
  expect(layoutTableRows(committed)).toHaveLength(3);
});
