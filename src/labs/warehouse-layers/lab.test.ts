import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { replayFromFirstState } from '../sim/hidden-run.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { changeStream, customerChanges, hasOlderAfterNewer, HIDDEN_RUNS } from './exercises.ts';
import { badTickets, reportFigures, runFigures } from './figures.ts';
import { warehouseLab } from './lab.ts';
import type { WarehouseFact } from './messages.ts';
import { alphabeticalOrder, dependencyOrder, models, type Model } from './models.ts';

const lab = warehouseLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const on = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: true });
const DATA_FAULTS = ['duplicate-delivery', 'late-events', 'bad-records'] as const;

async function run(inputs: readonly ReaderInput[], seed = 15, definition: LabDefinition = lab) {
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const input of inputs) await sim.apply(input);
  await sim.runUntilQuiet(20_000);
  return sim;
}

const facts = (sim: Simulation) => factsOf<WarehouseFact>(sim.trace);
const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const rows = (service: string, sql: string) => select(requireDb(env.databases, service), sql);
const ALL_HOLD = { 'silver-accounts-for-bronze': 'holds', 'dim-customer-is-a-history': 'holds', 'facts-match-silver': 'holds' };

describe('the runner', () => {
  const position = (order: readonly Model[], name: string) => order.findIndex((m) => m.name === name);

  it('runs every model after the models it reads, and refuses a cycle', () => {
    const order = dependencyOrder(models());
    for (const model of order)
      for (const dep of model.dependsOn)
        if (dep.startsWith('silver.') || dep.startsWith('gold.')) expect(position(order, dep)).toBeLessThan(position(order, model.name));
    expect(() =>
      dependencyOrder([
        { name: 'a', dependsOn: ['b'], sql: [] },
        { name: 'b', dependsOn: ['a'], sql: [] },
      ]),
    ).toThrow(/cycle/);
    // By name, the gold models come first: the fault the lab injects.
    const byName = alphabeticalOrder(models());
    expect(position(byName, 'gold.fct_tickets')).toBeLessThan(position(byName, 'silver.tickets'));
  });
});

describe('bronze, silver, gold on one month of tickets', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('without faults, type 2 equals the operational truth at every run and type 1 moves the changed customers’ history', async () => {
    const sim = await run([action('run-month')]);
    const reports = reportFigures(facts(sim));
    expect(reports.map((r) => r.run)).toEqual([1, 2, 3]);
    for (const r of reports) expect(r.type2Off, `run ${r.run}`).toBe(0);
    expect(reports.at(-1)?.type1Off).toBeGreaterThan(0);
    expect(runFigures(facts(sim)).every((r) => r.duplicatesRemoved === 0 && r.failed === null)).toBe(true);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
    // The measured time of every model is in the warehouse, from Postgres's clock.
    expect(await rows('warehouse', 'SELECT count(*)::int AS n FROM meta.model_runs WHERE ms >= 0')).toEqual([{ n: 24 }]);
    expect((await exercises.check('type2-equals-truth', sim)).passed).toBe(false);
  });

  it('with duplicates, late events and bad records, silver removes and rejects them, and the last run is right with type 2 only', async () => {
    const sim = await run([...DATA_FAULTS.map(on), action('run-month')]);
    const runs = runFigures(facts(sim));
    const last = runs.at(-1);
    expect(last?.duplicatesRemoved).toBeGreaterThan(0);
    expect(last?.rejected['not_null_customer']).toBeGreaterThan(0);
    expect(last?.rejected['known_customer']).toBeGreaterThan(0);
    expect(await rows('warehouse', 'SELECT count(*) - count(DISTINCT seq) AS dups FROM bronze.change_events')).toEqual([
      { dups: last?.duplicatesRemoved },
    ]);
    const reports = reportFigures(facts(sim));
    // A run before the late events landed is short; the run after them is exact with type 2.
    expect(reports.some((r) => r.type2Off > 0)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ type2Off: 0 });
    expect(reports.at(-1)?.type1Off).toBeGreaterThan(0);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
    expect(await exercises.check('type2-equals-truth', sim)).toMatchObject({ passed: true });
    // A ticket stamped by a clock running ahead passes the lab's two tests: it is in gold, on the wrong day.
    const ahead = badTickets(facts(sim)).clockAhead;
    expect(ahead.length).toBeGreaterThan(0);
    expect(await rows('warehouse', `SELECT count(*)::int AS n FROM gold.fct_tickets WHERE ticket_id IN (${ahead.join(', ')})`)).toEqual([
      { n: ahead.length },
    ]);

    // The same seed and inputs give the same trace.
    const first = JSON.stringify(sim.trace);
    await env.reset();
    const again = await run([...DATA_FAULTS.map(on), action('run-month')]);
    expect(JSON.stringify(again.trace)).toBe(first);
  });

  it('models run by name build gold from the previous run’s silver, and the invariants say so', async () => {
    const sim = await run([on('late-events'), on('models-out-of-order'), action('run-month')]);
    const reports = reportFigures(facts(sim));
    expect(reports[0]).toMatchObject({ type1: { basic: 0, premium: 0 }, type2: { basic: 0, premium: 0 } });
    expect(reports.at(-1)?.type2Off).toBeGreaterThan(0);
    expect((await sim.checkInvariants()).get('facts-match-silver')?.status).toBe('broken');
    expect((await exercises.check('type2-equals-truth', sim)).passed).toBe(false);
  });

  it('the SQL exercises accept the right answers and refuse plausible wrong ones, on hidden runs', async () => {
    const sim = await run([]);
    const check = async (id: string, answer: string) => exercises.check(id, sim, answer);
    expect(await check('write-scd2-merge', CORRECT_MERGE)).toMatchObject({ passed: true });
    expect((await check('write-scd2-merge', NAIVE_MERGE)).message).toMatch(/first that differs/);
    expect(await check('write-silver-dedup', CORRECT_DEDUP)).toMatchObject({ passed: true });
    expect((await check('write-silver-dedup', CORRECT_DEDUP.replace('DISTINCT ON (seq) ', ''))).message).toMatch(/returned \d+ rows/);
    expect(await check('write-quality-test', CORRECT_TEST)).toMatchObject({ passed: true });
    expect((await check('write-quality-test', `SELECT seq, ticket_id FROM silver.ticket_candidates WHERE opened_at >= 1000`)).passed).toBe(
      false,
    );
  }, 120_000);

  it('the hidden change streams repeat batches and deliver an older version after a newer one', async () => {
    for (const hidden of HIDDEN_RUNS) {
      const sim = await replayFromFirstState(lab, env.databases, hidden.seed, hidden.inputs);
      expect(sim.quiet).toBe(true);
      const changes = await customerChanges({ databases: env.databases, crashed: sim.crashed });
      const stream = changeStream(changes, hidden.streamSeed);
      expect(stream.flat().length).toBeGreaterThan(changes.length);
      expect(hasOlderAfterNewer(stream)).toBe(true);
      expect(badTickets(facts(sim)).clockAhead.length).toBeGreaterThan(0);
    }
  });
});

export const CORRECT_MERGE = `INSERT INTO ex.dim_customer (customer_id, plan, valid_from)
SELECT DISTINCT customer_id, plan, valid_from FROM ex.customer_changes
ON CONFLICT (customer_id, valid_from) DO NOTHING;
UPDATE ex.dim_customer d SET valid_to = (
  SELECT min(n.valid_from) FROM ex.dim_customer n WHERE n.customer_id = d.customer_id AND n.valid_from > d.valid_from
);`;

const NAIVE_MERGE = `UPDATE ex.dim_customer d SET valid_to = c.valid_from FROM ex.customer_changes c
WHERE d.customer_id = c.customer_id AND d.valid_to IS NULL;
INSERT INTO ex.dim_customer (customer_id, plan, valid_from) SELECT customer_id, plan, valid_from FROM ex.customer_changes
ON CONFLICT DO NOTHING;`;

export const CORRECT_DEDUP = `SELECT DISTINCT ON (seq) seq, entity_id AS ticket_id, (payload->>'customer_id')::int AS customer_id, happened_at AS opened_at
FROM bronze.change_events WHERE entity = 'ticket' ORDER BY seq, load_id`;

export const CORRECT_TEST = 'SELECT seq, ticket_id FROM silver.ticket_candidates WHERE opened_at > recorded_at';

/** Random reader schedules: the data faults on and off, and model runs on demand, during the month. */
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 120 }),
    input: fc.oneof(
      fc.constant(action('run-models')),
      fc.record({ faultId: fc.constantFrom(...DATA_FAULTS), on: fc.boolean() }).map((f): ReaderInput => ({ kind: 'fault', ...f })),
    ),
  }),
  { minLength: 1, maxLength: 5 },
);

async function runSchedule(
  definition: LabDefinition,
  seed: number,
  plan: readonly { after: number; input: ReaderInput }[],
  first: readonly ReaderInput[] = [],
) {
  await env.reset();
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const input of [...first, action('run-month')]) await sim.apply(input);
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  await sim.runUntilQuiet(20_000);
  return { quiet: sim.quiet, invariants: await sim.checkInvariants() };
}

describe('invariants under random schedules (property)', () => {
  it('hold whatever the data faults and whenever the models run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { quiet, invariants } = await runSchedule(lab, seed, plan);
        expect(quiet).toBe(true);
        expect(statuses(invariants)).toEqual(ALL_HOLD);
      }),
      { numRuns: propertyRuns(3) },
    );
  }, 300_000);

  it('catch a silver model that does not deduplicate, under duplicate delivery', async () => {
    const broken = warehouseLab('keep-all');
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { invariants } = await runSchedule(broken, seed, plan, [on('duplicate-delivery')]);
        return [...invariants.values()].every((r) => r.status === 'holds');
      }),
      { numRuns: propertyRuns(3), endOnFailure: true },
    );
    expect(outcome.failed).toBe(true);
  }, 300_000);
});
