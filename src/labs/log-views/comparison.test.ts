/**
 * The chapter's tables, checked against the lab's standard run. Counts, positions and hashes are the same on
 * every run and must equal the committed file; engine times differ from run to run, so they are checked for
 * what the chapter says about them. `WRITE_COMPARISON=1` writes the file afresh.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { personalDataRows, rebuildRows } from './comparison-table.ts';
import { logViewsLab } from './lab.ts';
import { measureComparison, type Comparison } from './standard-run.ts';
import committedFile from './comparison.generated.json';

const lab = logViewsLab();
let env: NodeLab;
let measured: Comparison;

beforeAll(async () => {
  env = await openNodeLab(lab);
  measured = await measureComparison(lab, env.databases);
}, 180_000);
afterAll(() => env.close());

/** The figures that do not depend on how fast the machine is. */
function withoutTimes(c: Comparison | typeof committedFile) {
  return {
    ...c,
    rebuilds: c.rebuilds.map((r) => ({ ...r, engineMs: 'timed' })),
    catchUp: c.catchUp.map((r) => ({ ...r, engineMs: 'timed' })),
  };
}

it('matches the committed comparison.generated.json in everything but the times', async () => {
  if (process.env['WRITE_COMPARISON'] === '1')
    await expectCommittedComparison(
      new URL('./comparison.generated.json', import.meta.url),
      measured,
      'src/labs/log-views/comparison.test.ts',
    );
  expect(withoutTimes(committedFile), 'regenerate with: WRITE_COMPARISON=1 npx vitest run src/labs/log-views/comparison.test.ts').toEqual(
    withoutTimes(measured),
  );
});

it('measures what the chapter says: rebuilds are equal and grow with the log; the writer is untouched; the log keeps the email', () => {
  const [short, long] = measured.rebuilds;
  for (const r of measured.rebuilds) expect(r.hashAfter).toBe(r.hashBefore);
  expect(long?.upTo).toBeGreaterThanOrEqual(4 * (short?.upTo ?? 0));
  // Four times the events takes longer; by how much depends on the machine's load, so the chapter quotes the figures.
  expect(long?.engineMs).toBeGreaterThan(short?.engineMs ?? 0);
  expect(measured.writerSchema.after).toBe(measured.writerSchema.before);
  expect(measured.catchUp[0]?.events).toBe(long?.upTo);
  expect(measured.holders.find((h) => h.store === 'orders.log')?.rows).toBeGreaterThan(0);
  expect(measured.holders.filter((h) => h.store !== 'orders.log').every((h) => h.rows === 0)).toBe(true);
  expect(Object.values(measured.invariants).every((s) => s === 'holds')).toBe(true);
  expect(rebuildRows(committedFile)).toHaveLength(3);
  expect(personalDataRows(committedFile)).toHaveLength(4);
});
