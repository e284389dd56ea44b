import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { Simulation } from '../sim/simulation.ts';
import { isolationLab, methodAction } from './lab.ts';
import { BROKEN } from './methods.ts';
import { METHODS, type MethodId } from './messages.ts';

const lab = isolationLab();
let env: NodeLab;
const exercises = nodeExercises(lab, () => env.databases);

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(async () => {
  await exercises.close();
  await env.close();
});

async function run(seed: number, method: MethodId, faults: readonly string[] = [], action = 'run-workload') {
  await env.reset();
  const sim = new Simulation({ lab, seed, databases: env.databases });
  for (const faultId of faults) await sim.apply({ kind: 'fault', faultId, on: true });
  await sim.apply({ kind: 'action', actionId: methodAction(method) });
  await sim.apply({ kind: 'action', actionId: action });
  await sim.runUntilQuiet(5_000);
  return sim;
}

const broken = async (sim: Simulation) => [...(await sim.checkInvariants())].filter(([, r]) => r.status !== 'holds').map(([id]) => id);

describe('two bookings at once, for real in Postgres', () => {
  it('loses an update with read-then-write under READ COMMITTED', async () => {
    const sim = await run(1, 'read-modify-write', [], 'two-at-once');
    expect(await broken(sim)).toEqual(['counter-agrees']);
  });
  it('makes the second locking read fail with 55P03 while the first booking is prepared', async () => {
    const sim = await run(1, 'for-update', [], 'two-at-once');
    expect(sim.trace.some((e) => e.type === 'sql' && e.outcome.includes('55P03'))).toBe(true);
    expect(await broken(sim)).toEqual([]);
  });
  it('sells the last seat twice under REPEATABLE READ, and SERIALIZABLE refuses with 40001 from Postgres', async () => {
    // With every request overlapping, the pair 7+8 meets one free seat on the rows flight.
    const rr = await run(1, 'check-then-insert-rr', ['rush']);
    expect(await broken(rr)).toEqual(['not-oversold']);
    const serializable = await run(1, 'serializable', ['rush']);
    expect(serializable.trace.some((e) => e.type === 'sql' && e.outcome.includes('40001'))).toBe(true);
    expect(await broken(serializable)).toEqual([]);
  });
});

describe('property: over seeds and fault schedules', () => {
  const correct = METHODS.filter((m) => !BROKEN.includes(m));
  it('every correct method keeps the invariants', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...correct),
        fc.subarray(['rush', 'no-retries']),
        async (seed, method, faults) => {
          expect(await broken(await run(seed, method, faults))).toEqual([]);
        },
      ),
      { numRuns: propertyRuns(4) },
    );
  }, 120_000);
  it('catches the broken read-then-write: under a rush it always breaks an invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        expect(await broken(await run(seed, 'read-modify-write', ['rush']))).not.toEqual([]);
      }),
      { numRuns: propertyRuns(2) },
    );
  }, 120_000);
});

describe('exercises, against the real database', () => {
  it('catch-lost-update passes only after a lost update', async () => {
    const clean = await run(2, 'atomic-update', [], 'two-at-once');
    expect((await exercises.check('catch-lost-update', clean)).passed).toBe(false);
    const lost = await run(2, 'read-modify-write', [], 'two-at-once');
    expect((await exercises.check('catch-lost-update', lost)).passed).toBe(true);
  });
  it('stop-write-skew accepts SERIALIZABLE only, on hidden runs', async () => {
    const sim = await run(3, 'serializable', [], 'two-at-once');
    expect((await exercises.check('stop-write-skew', sim, 'REPEATABLE READ')).passed).toBe(false);
    expect((await exercises.check('stop-write-skew', sim, 'serializable')).passed).toBe(true);
  }, 60_000);
  it('never-oversell accepts an atomic statement and refuses one that writes a number it read', async () => {
    const sim = await run(4, 'atomic-update', [], 'two-at-once');
    const atomic = `WITH taken AS (UPDATE flights SET seats_left = seats_left - 1 WHERE id = 'DS101' AND seats_left > 0 RETURNING id)
INSERT INTO bookings (flight_id, passenger, method) SELECT id, 'you', 'mine' FROM taken`;
    expect((await exercises.check('never-oversell', sim, atomic)).passed).toBe(true);
    const fixed = `WITH taken AS (UPDATE flights SET seats_left = 6 WHERE id = 'DS101' RETURNING id)
INSERT INTO bookings (flight_id, passenger, method) SELECT id, 'you', 'mine' FROM taken`;
    expect((await exercises.check('never-oversell', sim, fixed)).passed).toBe(false);
  }, 60_000);
});
