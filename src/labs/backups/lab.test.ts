import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput } from '../sim/types.ts';
import { backupsLab } from './lab.ts';
import type { BackupsFact, FaultId } from './messages.ts';
import { damagedDay, SCHEDULES } from './standard-run.ts';

const lab = backupsLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
}, 60_000);
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: FaultId, on: boolean): ReaderInput => ({ kind: 'fault', faultId, on });

async function steps(sim: Simulation, n: number) {
  for (let i = 0; i < n && (await sim.step()); i++);
}

async function statuses(sim: Simulation) {
  return Object.fromEntries([...(await sim.checkInvariants())].map(([id, r]) => [id, r.status]));
}

describe('a restore of one service', () => {
  it('restores orders from a real dump, leaves payments for orders that are gone, and a replay repairs them', async () => {
    const sim = await damagedDay(lab, env.databases, SCHEDULES[0] ?? { dumpEveryMin: 10, shipEveryS: 0, restore: 'dump' });
    expect(await statuses(sim)).toEqual({
      'payments-have-orders': 'broken',
      'receipts-have-payments': 'holds',
      'restore-equals-backup': 'holds',
    });
    const [zeroed] = await select(requireDb(env.databases, 'orders'), 'SELECT count(*) AS n FROM orders WHERE total_cents = 0');
    expect(Number(zeroed?.['n'])).toBe(0);
    await sim.apply(action('replay'));
    await steps(sim, 8);
    expect(Object.values(await statuses(sim))).toEqual(['holds', 'holds', 'holds']);
  }, 30_000);

  it('gives the same trace for the same seed and inputs: the engine’s restore time never enters it', async () => {
    const run = async () => {
      const sim = new Simulation({ lab, seed: 5, databases: env.databases });
      for (const id of ['dump-every-1', 'ship-every-15', 'open-shop']) await sim.apply(action(id));
      while (sim.now < 150_000 && (await sim.step()));
      for (const id of ['drop-table', 'restore-pitr']) await sim.apply(action(id));
      await steps(sim, 6);
      return sim.hash();
    };
    const first = await run();
    await env.reset();
    expect(await run()).toBe(first);
  }, 30_000);
});

describe('exercises', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('undo-bad-update and repair-the-orphans pass after a restore and a reconciliation, not before', async () => {
    const sim = new Simulation({ lab, seed: 3, databases: env.databases });
    await sim.apply(action('open-shop'));
    while (sim.now < 150_000 && (await sim.step()));
    await sim.apply(action('bad-update'));
    await steps(sim, 1);
    expect((await exercises.check('undo-bad-update', sim)).passed).toBe(false);
    expect((await exercises.check('repair-the-orphans', sim)).passed).toBe(false);
    await sim.apply(action('restore-dump'));
    await steps(sim, 6);
    expect(await exercises.check('undo-bad-update', sim)).toMatchObject({ passed: true });
    expect((await exercises.check('repair-the-orphans', sim)).message).toContain('still name orders');
    await sim.apply(action('reconcile'));
    await steps(sim, 8);
    expect(await exercises.check('repair-the-orphans', sim)).toMatchObject({ passed: true });
  }, 30_000);

  it('drill-finds-silent-failure passes once a drill reads back an empty dump', async () => {
    const sim = new Simulation({ lab, seed: 4, databases: env.databases });
    for (const input of [action('dump-every-1'), action('open-shop')]) await sim.apply(input);
    while (sim.now < 90_000 && (await sim.step()));
    await sim.apply(action('run-drill'));
    await steps(sim, 4);
    expect((await exercises.check('drill-finds-silent-failure', sim)).passed).toBe(false);
    await sim.apply(fault('dump-fails-silently', true));
    while (sim.now < 150_000 && (await sim.step()));
    await sim.apply(action('run-drill'));
    await steps(sim, 4);
    expect(await exercises.check('drill-finds-silent-failure', sim)).toMatchObject({ passed: true });
  }, 30_000);

  it('rpo-one-minute refuses dumps alone and full dumps every minute, and accepts rare dumps with a shipped log', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect((await exercises.check('rpo-one-minute', sim)).message).toContain('oldest placed');
    await sim.apply(action('dump-every-1'));
    await steps(sim, 2);
    expect((await exercises.check('rpo-one-minute', sim)).message).toContain('Something cheaper');
    for (const id of ['dump-every-30', 'ship-every-15']) await sim.apply(action(id));
    await steps(sim, 2);
    expect(await exercises.check('rpo-one-minute', sim)).toMatchObject({ passed: true });
  }, 120_000);
});

/** A day damaged at a drawn step, restored to just before it, and repaired: by reconciliation, or by replay and then reconciliation for what is past retention. */
const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  damageStep: fc.integer({ min: 60, max: 260 }),
  damage: fc.constantFrom('bad-update', 'drop-table'),
  ship: fc.constantFrom('ship-every-15', 'ship-every-120'),
  dump: fc.constantFrom('dump-every-1', 'dump-every-5', 'dump-every-10'),
  pauseShipping: fc.boolean(),
  repair: fc.constantFrom<readonly string[]>(['replay', 'reconcile'], ['reconcile']),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Steps until the services have recorded `count` facts of `kind`: the restore or the check after a repair has landed. */
async function stepUntil(sim: Simulation, kind: BackupsFact['kind'], count: number) {
  const seen = () => factsOf<BackupsFact>(sim.trace).filter((f) => f.fact.kind === kind).length;
  for (let i = 0; i < 200 && seen() < count && (await sim.step()); i++);
  expect(seen()).toBeGreaterThanOrEqual(count);
}

async function play(l: LabDefinition, s: Scenario) {
  await env.reset();
  const sim = new Simulation({ lab: l, seed: s.seed, databases: env.databases });
  for (const id of [s.dump, s.ship, 'open-shop']) await sim.apply(action(id));
  await steps(sim, Math.floor(s.damageStep / 2));
  if (s.pauseShipping) await sim.apply(fault('shipping-paused', true));
  await steps(sim, Math.ceil(s.damageStep / 2));
  for (const id of [s.damage, 'restore-pitr']) await sim.apply(action(id));
  await stepUntil(sim, 'restored', 1);
  // An order placed between the damage and the restore is discarded by a restore to before the damage, while
  // its payment may still be on its way; a repair that lists payments before that payment lands cannot see
  // it. Repairs run once what was in flight at the restore has landed (well under 100 ms of lab time).
  await steps(sim, 10);
  for (const [i, repair] of s.repair.entries()) {
    await sim.apply(action(repair));
    await stepUntil(sim, 'cross-checked', i + 1);
  }
  return statuses(sim);
}

describe('invariants under drawn days, damages and faults (property)', () => {
  it('after a point-in-time restore and a repair, the restore equals the vault’s copy and every payment has its order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        expect(await play(lab, s)).toEqual({
          'payments-have-orders': 'holds',
          'receipts-have-payments': 'holds',
          'restore-equals-backup': 'holds',
        });
      }),
      { numRuns: propertyRuns(4) },
    );
  }, 120_000);

  it('catch a reconciliation that deletes payments instead of recreating orders', async () => {
    const broken = backupsLab({ restore: 'replays-log', reconcile: 'voids-payments' });
    const outcome = await fc.check(
      fc.asyncProperty(
        scenario.map((s) => ({ ...s, repair: ['reconcile'], dump: 'dump-every-10' as const })),
        async (s) => (await play(broken, s))['receipts-have-payments'] === 'holds',
      ),
      { numRuns: propertyRuns(4) },
    );
    expect(outcome.failed).toBe(true);
  }, 120_000);

  it('catch a point-in-time restore that skips the shipped log', async () => {
    const broken = backupsLab({ restore: 'skips-log', reconcile: 'recreates-orders' });
    const outcome = await fc.check(
      fc.asyncProperty(
        scenario.map((s) => ({ ...s, dump: 'dump-every-10' as const, ship: 'ship-every-15' as const, pauseShipping: false })),
        async (s) => (await play(broken, s))['restore-equals-backup'] === 'holds',
      ),
      { numRuns: propertyRuns(4) },
    );
    expect(outcome.failed).toBe(true);
  }, 120_000);
});
