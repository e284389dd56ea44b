import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { fixedClock } from './engine-clock.ts';
import { lag, STALE_ENOUGH } from './exercises.ts';
import { reportContentionLab } from './lab.ts';
import lab from './lab.ts';
import { operationalLatency, reportCost, staleness } from './measures.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, type ReportContentionFact } from './messages.ts';
import { ANALYTICS_REPORT_SQL, MONOLITH_REPORT_SQL } from './queries.ts';
import { CUSTOMERS, HISTORY_TICKETS } from './settings.ts';
import { propertyRuns } from '../check/property-runs.ts';

/** Costs that make the whole trace deterministic: a report far heavier than a ticket request, as measured. */
const FIXED = fixedClock({ op: 1, report: 60, extract: 2, load: 2 });
const fixedLab = reportContentionLab({ clock: FIXED });

let env: NodeLab;
beforeAll(async () => {
  env = await openNodeLab(lab);
}, 120_000);
afterAll(() => env.close());
const exercises = nodeExercises(lab, () => env.databases);
afterAll(exercises.close);

function simulation(seed = 42, definition: LabDefinition = lab) {
  return new Simulation({ lab: definition, seed, databases: env.databases });
}

async function run(definition: LabDefinition, inputs: readonly ReaderInput[], seed = 42) {
  await env.reset();
  const sim = simulation(seed, definition);
  for (const input of inputs) await sim.apply(input);
  await sim.runUntilQuiet(5000);
  return sim;
}

const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const ALL_HOLD = { 'operational-writes-kept': 'holds', 'no-phantom-tickets': 'holds', 'store-matches-after-copy': 'holds' };
const WORKLOAD: ReaderInput = { kind: 'action', actionId: 'workload' };
const REPORTS: ReaderInput = { kind: 'action', actionId: 'reports' };
const db = (name: string) => requireDb(env.databases, name);
const factsIn = (sim: Simulation) => factsOf<ReportContentionFact>(sim.trace);

describe('the databases at the start', () => {
  it('hold the seed plus the generated history, and the store starts as an exact copy of it', async () => {
    await env.reset();
    const [count] = await select(db(MONOLITH_A), 'SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers FROM tickets');
    expect(count).toEqual({ n: HISTORY_TICKETS + 8, customers: CUSTOMERS });
    // The history loads with its foreign-key triggers off; every reference must resolve all the same.
    const [orphans] = await select(
      db(MONOLITH_A),
      `SELECT count(*) FILTER (WHERE c.id IS NULL)::int AS customers, count(*) FILTER (WHERE t.expert_id IS NOT NULL AND e.id IS NULL)::int AS experts
       FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN experts e ON e.id = t.expert_id`,
    );
    expect(orphans).toEqual({ customers: 0, experts: 0 });
    // The store builds its history with its own rules; every section of the report must agree with Postgres.
    const pg = await db(MONOLITH_A).query(MONOLITH_REPORT_SQL);
    const lite = await db(ANALYTICS).query(ANALYTICS_REPORT_SQL);
    if (!pg.ok || !lite.ok) throw new Error('report failed');
    expect(pg.results).toHaveLength(3);
    const asText = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map(String).join('|'));
    for (let i = 0; i < 3; i++) expect(asText(lite.results[i]?.rows ?? [])).toEqual(asText(pg.results[i]?.rows ?? []));
    expect(statuses(await simulation().checkInvariants())).toEqual(ALL_HOLD);
  }, 60_000);
});

describe('a report on the operational database', () => {
  it('holds up ticket requests on monolith A and none on B, by the figures the engines measured', async () => {
    const sim = await run(lab, [WORKLOAD, REPORTS]);
    const latency = operationalLatency(factsIn(sim)).rows;
    const [a, b] = latency;
    expect(a).toMatchObject({ requests: 'A: report on the monolith', answered: 40 });
    expect(b).toMatchObject({ requests: 'B: report on the analytics store', answered: 40, behind_a_report: 0 });
    expect(Number(a?.['behind_a_report'])).toBeGreaterThan(0);
    expect(Number(a?.['max_ms'])).toBeGreaterThan(Number(b?.['max_ms']));
    const reports = reportCost(factsIn(sim)).rows;
    expect(reports).toHaveLength(8);
    for (const r of reports) {
      // Virtual time is the engine's measured time, rounded up to a whole millisecond.
      expect(Number.isInteger(r.virtual_ms)).toBe(true);
      expect(Number(r.virtual_ms)).toBeGreaterThanOrEqual(Number(r.engine_ms) - 0.005);
      expect(Number(r.virtual_ms)).toBeLessThan(Number(r.engine_ms) + 1.005);
      expect(Number(r.engine_ms)).toBeGreaterThan(0);
    }
    expect(reports.filter((r) => String(r['ran_on']).startsWith('analytics')).every((r) => r.ticket_requests_held_up === 0)).toBe(true);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  }, 60_000);

  it('makes a request wait exactly as long as the report ahead of it still had to run (fixed clock)', async () => {
    const sim = await run(fixedLab, [WORKLOAD, REPORTS]);
    const held = operationalLatency(factsIn(sim)).rows.find((r) => r.requests === 'A, queued behind a report');
    expect(Number(held?.['answered'])).toBeGreaterThan(0);
    // With a 60 ms report and 1 ms requests, a request behind a report waits up to 60 ms, never more than
    // the report plus the requests queued with it.
    expect(Number(held?.['max_ms'])).toBeLessThanOrEqual(60 + 10 + 30);
    const free = operationalLatency(factsIn(sim)).rows.find((r) => r.requests === 'B: report on the analytics store');
    expect(Number(free?.['max_ms'])).toBeLessThanOrEqual(1 + 2 + 2 * 15);
  }, 60_000);
});

describe('the analytics store', () => {
  it('is stale while the copy job is between passes, and matches once it has caught up', async () => {
    const sim = await run(fixedLab, [WORKLOAD, REPORTS]);
    const rows = staleness(factsIn(sim)).rows;
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => Number(r['changes_missing']) > 0 && Number(r['stale_by_ms']) > 0)).toBe(true);
    expect((await lag(env.databases)).changes).toBe(0);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  }, 60_000);

  it('falls behind while the copy job is stopped, without touching the ticket requests, and catches up by hand', async () => {
    const sim = await run(lab, [{ kind: 'fault', faultId: 'copy-job-stopped', on: true }, WORKLOAD]);
    const behind = await lag(env.databases);
    expect(behind.changes).toBeGreaterThanOrEqual(STALE_ENOUGH);
    const inv = await sim.checkInvariants();
    expect(inv.get('store-matches-after-copy')?.status).toBe('pending');
    expect(inv.get('operational-writes-kept')?.status).toBe('holds');
    expect((await exercises.check('make-it-stale', sim)).passed).toBe(true);
    await sim.apply({ kind: 'fault', faultId: 'copy-job-stopped', on: false });
    await sim.apply({ kind: 'action', actionId: 'copy-now' });
    await sim.runUntilQuiet(5000);
    expect((await lag(env.databases)).changes).toBe(0);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
    expect((await exercises.check('make-it-stale', sim)).passed).toBe(false);
  }, 60_000);

  it('loses reports while it is down, not ticket requests, and catches up from its own watermark after a restart', async () => {
    const sim = await run(lab, [{ kind: 'fault', faultId: 'analytics-crashes', on: true }, WORKLOAD, REPORTS]);
    expect(sim.crashed.has(ANALYTICS)).toBe(true);
    const dropped = sim.trace.filter((e) => e.type === 'drop' && e.to === ANALYTICS && e.message.type === 'report');
    expect(dropped.length).toBeGreaterThan(0);
    const [, b] = operationalLatency(factsIn(sim)).rows;
    expect(b?.['answered']).toBe(40);
    await sim.apply({ kind: 'fault', faultId: 'analytics-crashes', on: false });
    await sim.apply({ kind: 'restart', service: ANALYTICS });
    await sim.runUntilQuiet(5000);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  }, 60_000);
});

describe('invariants catch what they claim to', () => {
  it('a copy job that follows ticket ids instead of change numbers never copies an update (negative control)', async () => {
    const broken = reportContentionLab({ clock: FIXED, watermark: 'ticket-id' });
    const sim = await run(broken, [WORKLOAD]);
    const result = (await sim.checkInvariants()).get('store-matches-after-copy');
    expect(result?.status).toBe('broken');
    expect(result?.summary).toMatch(/differs from monolith B/);
  }, 60_000);

  it('a ticket in the store that monolith B does not have is caught at once', async () => {
    await env.reset();
    const sim = simulation();
    await sim.apply({
      kind: 'sql',
      service: ANALYTICS,
      sql: "INSERT INTO ticket_facts VALUES (999999, 1, 'basic', 'BE', 'Berlin', 'low', 'open', NULL, '2026-02', 0, 0, 0)",
    });
    const result = (await sim.checkInvariants()).get('no-phantom-tickets');
    expect(result).toMatchObject({ status: 'broken', rows: [{ ticket_id: 999999, problem: 'not in monolith B' }] });
  }, 60_000);

  it('an operational write lost on one monolith is caught once the lab is quiet', async () => {
    const sim = await run(fixedLab, [WORKLOAD]);
    await sim.apply({
      kind: 'sql',
      service: MONOLITH_A,
      sql: 'DELETE FROM assignments WHERE ticket_id = 100001; DELETE FROM tickets WHERE id = 100001',
    });
    expect((await sim.checkInvariants()).get('operational-writes-kept')?.status).toBe('broken');
  }, 60_000);
});

describe('workloads that overlap', () => {
  it('send the requests for one ticket in the same order to both monoliths, so they still agree', async () => {
    // Found by the property below: a third workload, planned while the second was still sending, assigned a
    // ticket the second had not opened yet, and the two monoliths received the requests in different orders.
    await env.reset();
    const sim = simulation(155769938, fixedLab);
    await sim.apply(WORKLOAD);
    for (let i = 0; i < 36 && (await sim.step()); i++);
    await sim.apply(WORKLOAD);
    await sim.apply(WORKLOAD);
    await sim.apply({ kind: 'restart', service: ANALYTICS });
    await sim.runUntilQuiet(5000);
    await sim.apply({ kind: 'action', actionId: 'copy-now' });
    await sim.runUntilQuiet(5000);
    expect(sim.quiet).toBe(true);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  }, 60_000);
});

describe('determinism', () => {
  /** The trace minus the engine's own measurements, which no clock setting can make repeatable. */
  const withoutMeasured = (sim: Simulation) =>
    JSON.stringify(sim.trace)
      .replace(/"engineMs":[\d.]+/g, '"engineMs":"measured"')
      .replace(/in [\d.]+ ms of engine time/g, 'in (measured) ms of engine time');

  it('gives the same trace for the same seed under a fixed clock, apart from the measured engine times', async () => {
    const first = withoutMeasured(await run(fixedLab, [WORKLOAD, REPORTS], 7));
    expect(first).toContain('"engineMs":"measured"');
    expect(withoutMeasured(await run(fixedLab, [WORKLOAD, REPORTS], 7))).toBe(first);
    expect(withoutMeasured(await run(fixedLab, [WORKLOAD, REPORTS], 8))).not.toBe(first);
  }, 60_000);

  it('ends in the same ticket states for the same seed under the measured clock, whatever the timings were', async () => {
    const tickets = async () =>
      JSON.stringify(
        await select(db(MONOLITH_B), 'SELECT id, customer_id, priority, status, expert_id FROM tickets WHERE id > 100000 ORDER BY id'),
      );
    await run(lab, [WORKLOAD, REPORTS], 5);
    const first = await tickets();
    await run(lab, [WORKLOAD, REPORTS], 5);
    expect(await tickets()).toBe(first);
    expect(first).toContain('"status":"closed"');
  }, 60_000);
});

describe('exercises', () => {
  const TARGET = `SELECT plan, count(*) AS tickets, sum(status <> 'closed') AS not_closed FROM ticket_facts GROUP BY plan`;

  const check = (sim: Simulation, answer: string) => exercises.check('report-by-plan', sim, answer);

  it('report-by-plan passes the plan counts on two hidden runs, and fails a query fitted to the history only', async () => {
    await env.reset();
    const sim = simulation();
    await sim.apply(WORKLOAD);
    await sim.runUntilQuiet(5000);
    const good = await check(sim, TARGET);
    expect(good).toMatchObject({ passed: true });
    const fitted = await check(sim, TARGET.replace('GROUP BY', 'WHERE ticket_id < 100000 GROUP BY'));
    expect(fitted.passed).toBe(false);
    expect(fitted.message).toMatch(/monolith says/);
    const broken = await check(sim, 'SELECT plan FROM nowhere');
    expect(broken.message).toMatch(/no such table/);
  }, 120_000);
});

/** Random reader schedules: workloads, reports, copy passes, faults and restarts at random steps. */
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 80 }),
    input: fc.oneof(
      fc.constantFrom<ReaderInput>(WORKLOAD, REPORTS, { kind: 'action', actionId: 'copy-now' }, { kind: 'restart', service: ANALYTICS }),
      fc.record({
        kind: fc.constant('fault' as const),
        faultId: fc.constantFrom('copy-job-stopped', 'analytics-crashes'),
        on: fc.boolean(),
      }),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

async function runSchedule(definition: LabDefinition, seed: number, plan: readonly { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = simulation(seed, definition);
  const phantoms: string[] = [];
  const noPhantoms = definition.invariants.find((i) => i.id === 'no-phantom-tickets');
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    // "Never" means in flight too: the store may lag at any step, it may not invent.
    const midway = await noPhantoms?.check(env.databases, sim.quiet);
    if (midway?.status !== 'holds') phantoms.push(`step ${sim.steps}: ${midway?.summary ?? 'not checked'}`);
    await sim.apply(input);
  }
  await sim.runUntilQuiet(5000);
  for (const fault of sim.faultsOn) await sim.apply({ kind: 'fault', faultId: fault, on: false });
  for (const service of [...sim.crashed]) await sim.apply({ kind: 'restart', service });
  await sim.apply({ kind: 'action', actionId: 'copy-now' });
  await sim.runUntilQuiet(5000);
  return { sim, phantoms, invariants: await sim.checkInvariants() };
}

describe('invariants under random schedules (property)', () => {
  const runs = propertyRuns(12);

  it('hold once faults stop, the store is back and the copy job has run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { sim, phantoms, invariants } = await runSchedule(fixedLab, seed, plan);
        expect(sim.quiet).toBe(true);
        expect(phantoms).toEqual([]);
        expect(statuses(invariants)).toEqual(ALL_HOLD);
      }),
      { numRuns: runs },
    );
  }, 300_000);

  it('catch the copy job that follows ticket ids', async () => {
    const broken = reportContentionLab({ clock: FIXED, watermark: 'ticket-id' });
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { invariants } = await runSchedule(broken, seed, plan);
        return [...invariants.values()].every((r) => r.status === 'holds');
      }),
      // One counterexample is the point; shrinking it would only replay the lab many more times.
      { numRuns: runs, endOnFailure: true },
    );
    expect(outcome.failed).toBe(true);
  }, 300_000);
});
