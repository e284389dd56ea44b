/**
 * The chapter's tables, checked against the lab's standard run. Counts and sizes are the same on every run and
 * must equal the committed file; the restore's engine time is measured and differs from run to run, so it is
 * checked for being there. `WRITE_COMPARISON=1` writes the file afresh.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { repairRows, scheduleRows, type ComparisonFile } from './comparison-table.ts';
import committedFile from './comparison.generated.json';
import { backupsLab } from './lab.ts';
import { measureComparison, type Comparison } from './standard-run.ts';

const lab = backupsLab();
let env: NodeLab;
let measured: Comparison;

beforeAll(async () => {
  env = await openNodeLab(lab);
  measured = await measureComparison(lab, env.databases);
}, 120_000);
afterAll(() => env.close());

const withoutTimes = (c: ComparisonFile) => ({ ...c, schedules: c.schedules.map((r) => ({ ...r, engineMs: 'timed' })) });

it('matches the committed comparison.generated.json in everything but the engine times', async () => {
  if (process.env['WRITE_COMPARISON'] === '1')
    await expectCommittedComparison(
      new URL('./comparison.generated.json', import.meta.url),
      measured,
      'src/labs/backups/comparison.test.ts',
    );
  expect(withoutTimes(committedFile), 'regenerate with: WRITE_COMPARISON=1 npx vitest run src/labs/backups/comparison.test.ts').toEqual(
    withoutTimes(measured),
  );
});

it('measures what the chapter says about schedules and repairs', () => {
  const [tenMin, oneMin, slowShip, fastShip, rareDumps] = measured.schedules;
  for (const r of measured.schedules) expect(r.engineMs).toBeGreaterThan(0);
  // A dump alone loses what came after it; the log brings the loss down to what was not shipped yet.
  expect(tenMin?.lostWindowMs).toBeGreaterThan(4 * 60_000);
  expect(oneMin?.lostWindowMs).toBeLessThanOrEqual(60_000);
  expect(fastShip?.lostWindowMs).toBeLessThanOrEqual(15_000);
  expect(slowShip?.lostWindowMs).toBeLessThan(tenMin?.lostWindowMs ?? 0);
  expect(rareDumps?.lostWindowMs).toBeLessThanOrEqual(15_000);
  // Full dumps every minute cost far more vault space than a log.
  expect(oneMin?.vaultBytes).toBeGreaterThan(3 * (rareDumps?.vaultBytes ?? 0));
  expect(rareDumps?.replayed).toBeGreaterThan(fastShip?.replayed ?? 0);
  expect(tenMin?.orphans).toBeGreaterThan(0);
  const [reconcile, replay] = measured.repairs;
  expect(reconcile).toMatchObject({ orphansAfter: 0 });
  expect(reconcile?.withoutAddress).toBe(reconcile?.recreated);
  expect(reconcile?.stillLost).toBeGreaterThan(0);
  expect(replay).toMatchObject({ orphansAfter: 0, stillLost: 0, withoutAddress: 0 });
  expect(scheduleRows(committedFile)).toHaveLength(5);
  expect(repairRows(committedFile)).toHaveLength(2);
});
