/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { cqrsLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = cqrsLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    measured,
    'src/labs/cqrs-lag/comparison.test.ts',
  );
}, 120_000);

it('shows what each fix costs on the same workload', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const [none, ryw, token, optimistic, push] = committed.rows;
  // The same orders were written in every run, so the projector lagged alike.
  for (const row of committed.rows) expect(row.afterWrite).toBe(3);
  expect(none?.stale).toBeGreaterThan(0);
  expect(ryw).toMatchObject({ stale: 0 });
  expect(ryw?.writeSideReads).toBeGreaterThan(0);
  expect(token?.pageP99Ms).toBeGreaterThan(none?.pageP99Ms ?? 0);
  expect(optimistic?.takenBack).toBe(1);
  expect(push?.polls).toBe(0);
  expect(push?.pushes).toBeGreaterThan(0);
  const rows = tableRows(committed);
  expect(rows.map((r) => r['how the page is read'])).toEqual([
    'No fix',
    'Read-your-writes',
    'Version token',
    'Optimistic UI',
    'No fix, push instead of polling',
  ]);
});
