/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { isolationLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = isolationLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, () => env.reset(), env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    measured,
    'src/labs/isolation/comparison.test.ts',
  );
}, 120_000);

it('shows what each method costs on the same workload', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const by = new Map(committed.rows.map((r) => [r.method, r]));
  expect(by.get('read-modify-write')?.lostUpdates).toBeGreaterThan(0);
  expect(by.get('read-modify-write')?.oversold).toBeGreaterThan(0);
  expect(by.get('check-then-insert-rr')?.oversold).toBeGreaterThan(0);
  for (const fixed of ['for-update', 'atomic-update', 'version-check', 'repeatable-read', 'serializable', 'unique-seat'])
    expect(by.get(fixed), fixed).toMatchObject({ oversold: 0, lostUpdates: 0 });
  expect(by.get('serializable')?.conflicts).toMatch(/^40001/);
  expect(by.get('serializable')?.byLab).toBe(0);
  expect(by.get('version-check')?.retries).toBeGreaterThan(0);
  expect(tableRows(committed)).toHaveLength(9);
});
