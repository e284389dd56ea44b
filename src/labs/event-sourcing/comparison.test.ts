/**
 * The chapter's tables, checked against the lab's standard run. Counts, sizes and conflicts are the same on every
 * run and must equal the committed file; times are measured on the real engine and differ from run to run, so
 * they are checked for what the chapter says about them. `WRITE_COMPARISON=1` writes the file afresh.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { projectionRows, replayRows, rushRows, storageRows } from './comparison-table.ts';
import { eventSourcingLab } from './lab.ts';
import { measureComparison, type Comparison } from './standard-run.ts';
import committedFile from './comparison.generated.json';

const lab = eventSourcingLab();
let env: NodeLab;
let measured: Comparison;

beforeAll(async () => {
  env = await openNodeLab(lab);
  measured = await measureComparison(lab, env.databases);
}, 120_000);
afterAll(() => env.close());

/** The figures that do not depend on how fast the machine is. */
function withoutTimes(c: Comparison | typeof committedFile) {
  return {
    ...c,
    replay: c.replay.map((r) => ({ ...r, fullMs: 'timed', snapshotMs: 'timed' })),
    projections: c.projections.map((p) => ({ ...p, engineMs: 'timed' })),
  };
}

it('matches the committed comparison.generated.json in everything but the times', async () => {
  if (process.env['WRITE_COMPARISON'] === '1')
    await expectCommittedComparison(
      new URL('./comparison.generated.json', import.meta.url),
      measured,
      'src/labs/event-sourcing/comparison.test.ts',
    );
  expect(
    withoutTimes(committedFile),
    'regenerate with: WRITE_COMPARISON=1 npx vitest run src/labs/event-sourcing/comparison.test.ts',
  ).toEqual(withoutTimes(measured));
});

it('measures what the chapter says: snapshots cut replay time, the check turns lost updates into conflicts', () => {
  const [first, , , longest] = measured.replay;
  for (const row of [first, longest]) expect(row?.same).toBe(true);
  // Ten thousand rows against one snapshot and fifty: the gap dwarfs any noise on a busy machine.
  expect(longest?.fullRead).toBeGreaterThan(9_000);
  expect(longest?.snapshotRead).toBeLessThan(100);
  expect(longest?.snapshotMs).toBeLessThan((longest?.fullMs ?? 0) / 3);
  for (const row of [...measured.replay, ...measured.projections.map((p) => ({ fullMs: p.engineMs, snapshotMs: p.engineMs }))])
    expect(row.fullMs).toBeGreaterThan(0);
  const [checked, unchecked] = measured.rush;
  expect(checked?.figures.conflicts).toBeGreaterThan(0);
  expect(checked).toMatchObject({ overdrawn: 0, stateRowsWrong: 0, figures: { decidedOnStale: 0 } });
  expect(unchecked?.figures.conflicts).toBe(0);
  expect(unchecked?.figures.decidedOnStale).toBeGreaterThan(0);
  expect((unchecked?.overdrawn ?? 0) + (unchecked?.stateRowsWrong ?? 0)).toBeGreaterThan(0);
  expect(measured.storage.eventsBytes).toBeGreaterThan(10 * measured.storage.stateBytes);
  expect(measured.v1Wrong).toBeGreaterThan(0);
  expect(replayRows(committedFile)).toHaveLength(4);
  expect(rushRows(committedFile)).toHaveLength(2);
  expect(storageRows(committedFile)).toHaveLength(3);
  expect(projectionRows(committedFile).map((r) => r['projection'])).toEqual([
    'daily_totals (a new consumer)',
    'summary_v2 (the fix, replayed beside v1)',
  ]);
});
