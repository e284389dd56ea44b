import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition } from '../sim/types.ts';
import { CORRECT, flightBookingLab, modelAction } from './lab.ts';
import type { Model } from './messages.ts';

const lab = flightBookingLab();
let env: NodeLab;
const exercises = nodeExercises(lab, () => env.databases);

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(async () => {
  await exercises.close();
  await env.close();
});

/** Runs the workload; `heal` faults are switched off after `healAfter` steps, as a reader would. */
async function run(
  seed: number,
  model: Model,
  faults: readonly string[] = [],
  options: { of?: LabDefinition; heal?: readonly string[]; healAfter?: number } = {},
) {
  await env.reset();
  const sim = new Simulation({ lab: options.of ?? lab, seed, databases: env.databases });
  for (const faultId of faults) await sim.apply({ kind: 'fault', faultId, on: true });
  await sim.apply({ kind: 'action', actionId: modelAction(model) });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  if (options.heal?.length) {
    await sim.runUntilQuiet(options.healAfter ?? 200);
    for (const faultId of options.heal) await sim.apply({ kind: 'fault', faultId, on: false });
  }
  await sim.runUntilQuiet(5_000);
  return sim;
}

const broken = async (sim: Simulation) => [...(await sim.checkInvariants())].filter(([, r]) => r.status !== 'holds').map(([id]) => id);
const sqlSaid = (sim: Simulation, pattern: RegExp) => sim.trace.some((e) => e.type === 'sql' && pattern.test(e.outcome));
const notes = (sim: Simulation) => sim.trace.flatMap((e) => (e.type === 'note' ? [e.text] : []));

describe('the same rush, two boundaries, on real Postgres', () => {
  it('one flight aggregate: saves in the same tick match 0 rows and retry; nothing is lost', async () => {
    const sim = await run(1, 'one-flight');
    expect(notes(sim).some((n) => n.includes('matched 0 rows'))).toBe(true);
    expect(sqlSaid(sim, /^0 rows$/)).toBe(true);
    expect(await broken(sim)).toEqual([]);
  });
  it('small aggregates: holds prepared at once skip each other’s slots; bumped passengers get one apology each', async () => {
    const sim = await run(5, 'small');
    expect(notes(sim).some((n) => n.includes('holds prepared at once'))).toBe(true);
    expect(notes(sim).some((n) => n.includes('bumped'))).toBe(true);
    expect(await broken(sim)).toEqual([]);
    const [gate] = await select(
      requireDb(env.databases, 'reservations'),
      "SELECT count(*) FILTER (WHERE outcome = 'bumped')::int AS bumped, (SELECT count(*) FROM apologies)::int AS apologies FROM boarding",
    );
    expect(Number(gate?.['bumped'])).toBeGreaterThan(0);
    expect(gate?.['apologies']).toBe(gate?.['bumped']);
  });
  it('ticketing down: bookings commit, events wait in the outbox, and every booking is ticketed once it is back', async () => {
    const sim = await run(2, 'small', ['ticketing-down'], { heal: ['ticketing-down'], healAfter: 250 });
    expect(notes(sim).some((n) => n.includes('not acknowledged: sent again'))).toBe(true);
    expect(await broken(sim)).toEqual([]);
    expect((await exercises.check('ticketed-after-outage', sim)).passed).toBe(true);
  });
  it('short holds: passengers of the small model are told their hold expired', async () => {
    const sim = await run(3, 'small', ['short-holds']);
    expect(sim.trace.some((e) => e.type === 'fact' && JSON.stringify(e).includes('"hold-expired"'))).toBe(true);
    expect(await broken(sim)).toEqual([]);
  });
});

describe('property: over seeds and fault schedules', () => {
  it('both models keep every invariant', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<Model>('one-flight', 'small'),
        fc.subarray(['replan-mid-rush', 'short-holds', 'no-retries']),
        fc.boolean(),
        async (seed, model, faults, outage) => {
          const sim = await run(seed, model, outage ? [...faults, 'ticketing-down'] : faults, outage ? { heal: ['ticketing-down'] } : {});
          expect(await broken(sim)).toEqual([]);
        },
      ),
      { numRuns: propertyRuns(4) },
    );
  }, 120_000);
  it('catches a one-flight save without the version check: a booking is lost', async () => {
    const noCheck = flightBookingLab({ ...CORRECT, versionCheck: false });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        expect(await broken(await run(seed, 'one-flight', [], { of: noCheck }))).toContain('seat-behind-every-booking');
      }),
      { numRuns: propertyRuns(2) },
    );
  }, 120_000);
  it('catches holds that never lapse: seats stay held for passengers who left', async () => {
    const forever = flightBookingLab({ ...CORRECT, holdsExpire: false });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const sim = await run(seed, 'small', [], { of: forever });
        // Only a passenger who held a seat and left without paying leaves a hold behind; a rush in which every
        // holder paid (or every leaver came after the last seat) gives the broken variant nothing to show.
        fc.pre(notes(sim).some((n) => n.includes('leaves without paying')));
        expect(await broken(sim)).toContain('holds-lapse');
      }),
      { numRuns: propertyRuns(2) },
    );
  }, 120_000);
});

describe('exercises, against the real databases', () => {
  it('catch-a-hold passes while a passenger pays, not once the run is over', async () => {
    await env.reset();
    const sim = new Simulation({ lab, seed: 5, databases: env.databases });
    await sim.apply({ kind: 'action', actionId: modelAction('small') });
    await sim.apply({ kind: 'action', actionId: 'run-workload' });
    await sim.runUntilQuiet(40);
    expect((await exercises.check('catch-a-hold', sim)).passed).toBe(true);
    await sim.runUntilQuiet(5_000);
    expect((await exercises.check('catch-a-hold', sim)).passed).toBe(false);
  });
  it('ticketed-after-outage refuses a run in which ticketing never went down', async () => {
    const sim = await run(4, 'one-flight');
    expect((await exercises.check('ticketed-after-outage', sim)).passed).toBe(false);
  });
  it('version-checked-save accepts a version-checked save and refuses one without the check, on hidden runs', async () => {
    const sim = await run(6, 'one-flight');
    const good = "UPDATE flights SET seats_sold = :sold + 1, version = :version + 1 WHERE id = 'DS303' AND version = :version";
    expect((await exercises.check('version-checked-save', sim, good)).passed).toBe(true);
    const lost = "UPDATE flights SET seats_sold = :sold + 1, version = :version + 1 WHERE id = 'DS303'";
    const verdict = await exercises.check('version-checked-save', sim, lost);
    expect(verdict.passed).toBe(false);
    expect(verdict.message).toMatch(/booking rows/);
  }, 60_000);
});
