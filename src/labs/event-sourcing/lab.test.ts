import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { CENTS_PG, CENTS_SQLITE, encode, upcast } from './event-shapes.ts';
import { TIME_TRAVEL_TRUTH } from './exercises.ts';
import { concurrencyFigures, projectionFigures } from './figures.ts';
import { FOLD_SQL } from './fold-sql.ts';
import { eventSourcingLab } from './lab.ts';
import type { EsFact } from './messages.ts';

const lab = eventSourcingLab({ timing: 'left-out' });
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const on = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: true });
const off = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: false });

async function run(inputs: readonly ReaderInput[], seed = 1, definition: LabDefinition = lab) {
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const input of inputs) {
    await sim.apply(input);
    await sim.runUntilQuiet(50_000);
  }
  return sim;
}

const facts = (sim: Simulation) => factsOf<EsFact>(sim.trace);
const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const ALL_HOLD = Object.fromEntries(lab.invariants.map((i) => [i.id, 'holds']));
const rows = (service: string, sql: string) => select(requireDb(env.databases, service), sql);
const notes = (sim: Simulation) => sim.trace.flatMap((e) => (e.type === 'note' ? [`${e.service}: ${e.text}`] : []));

describe('the event store', () => {
  it('appends two events for an opening, folds them into the state table, and projects them', async () => {
    const sim = await run([action('open-dave')]);
    expect(await rows('accounts', 'SELECT stream, version, type, data::text AS data, schema FROM events ORDER BY position')).toEqual([
      { stream: 'acc-dave', version: 1, type: 'opened', data: '{}', schema: 2 },
      { stream: 'acc-dave', version: 2, type: 'deposited', data: '{"cents": 10000}', schema: 2 },
    ]);
    expect(await rows('accounts', 'SELECT * FROM accounts')).toEqual([
      { stream: 'acc-dave', balance_cents: 10_000, overdraft_cents: 0, version: 2 },
    ]);
    expect(await rows('projector', 'SELECT account, balance_cents, last_version FROM account_summary')).toEqual([
      { account: 'acc-dave', balance_cents: 10_000, last_version: 2 },
    ]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('lets only one of two withdrawals decided on the same version in: the other gets 23505, is decided again and refused', async () => {
    const sim = await run([action('open-dave'), action('race')]);
    const conflicts = facts(sim).filter((f) => f.fact.kind === 'conflict');
    expect(conflicts.map((c) => c.fact)).toEqual([
      { kind: 'conflict', commandId: 'T-3', stream: 'acc-dave', expected: 2, code: '23505', attempt: 1 },
    ]);
    expect(await rows('accounts', "SELECT id, outcome, attempts FROM commands WHERE kind = 'withdraw' ORDER BY id")).toEqual([
      { id: 'T-2', outcome: 'appended', attempts: 1 },
      { id: 'T-3', outcome: 'rejected: insufficient funds: balance 20.00, asked 80.00', attempts: 2 },
    ]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('refuses to change or delete an event: the log is append-only', async () => {
    await run([action('open-dave')]);
    const db = requireDb(env.databases, 'accounts');
    for (const sql of ['UPDATE events SET data = \'{"cents": 1}\'', 'DELETE FROM events']) {
      const result = await db.query(sql);
      expect(result.ok ? 'ok' : result.error.code).toBe('23001');
    }
  });

  it('writes a snapshot every hundred events and loads from the newest one', async () => {
    const sim = await run([action('load-history'), action('deposit-alice')]);
    expect(await rows('accounts', "SELECT version FROM snapshots WHERE stream = 'acc-alice' ORDER BY version")).toEqual(
      [100, 200, 300].map((version) => ({ version })),
    );
    const loaded = facts(sim).find((f) => f.fact.kind === 'loaded')?.fact;
    expect(loaded).toEqual({ kind: 'loaded', stream: 'acc-alice', fromSnapshot: 300, eventsRead: 34 });
    expect(statuses(await sim.checkInvariants())).toMatchObject({
      'snapshots-agree': 'holds',
      'state-agrees': 'holds',
      'no-overdraft': 'holds',
    });
  });
});

describe('events whose shape changed', () => {
  it('reads the old shape and the new one alike, in TypeScript, in Postgres and in SQLite', async () => {
    const sim = await run([action('load-history'), on('old-release'), action('deposit-alice')]);
    const [latest] = await rows(
      'accounts',
      "SELECT data::text AS data, schema FROM events WHERE stream = 'acc-alice' ORDER BY version DESC LIMIT 1",
    );
    expect(latest).toEqual({ data: '{"amount": "50.00"}', schema: 1 });
    expect(encode({ type: 'deposited', cents: 5_000 }, true)).toEqual({ data: '{"amount":"50.00"}', schema: 1 });
    const sample = await rows(
      'accounts',
      `SELECT type, data::text AS data, schema, ${CENTS_PG} AS cents FROM events WHERE type <> 'opened' ORDER BY position LIMIT 400`,
    );
    expect(sample.some((r) => r['schema'] === 1)).toBe(true);
    for (const r of sample)
      expect(upcast({ type: String(r['type']), data: String(r['data']), schema: Number(r['schema']) })).toMatchObject({
        cents: r['cents'],
      });
    const lite = requireDb(env.databases, 'projector');
    for (const r of sample.slice(0, 20)) {
      const [row] = await select(
        lite,
        `SELECT ${CENTS_SQLITE} AS cents FROM (SELECT '${String(r['data'])}' AS data, ${String(r['schema'])} AS schema)`,
      );
      expect(row?.['cents']).toBe(r['cents']);
    }
    expect(statuses(await sim.checkInvariants())).toMatchObject({ 'state-agrees': 'holds', 'snapshots-agree': 'holds' });
  });
});

describe('projections', () => {
  it('summary_v1 miscounts old deposits; replayed into v2 beside it, the summary switches over and agrees', async () => {
    const sim = await run([action('load-history')]);
    expect((await sim.checkInvariants()).get('projections-agree')?.status).toBe('broken');
    await sim.apply(action('replay-summary'));
    await sim.runUntilQuiet(50_000);
    expect(notes(sim)).toContain('projector: summary_v2 has caught up: account_summary now reads it, and summary_v1 is dropped');
    expect(await rows('projector', "SELECT name FROM sqlite_master WHERE name LIKE 'summary%' ORDER BY name")).toEqual([
      { name: 'summary_v2' },
    ]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('a projection added after a thousand events replays them all from position 0 into a correct view', async () => {
    const sim = await run([action('load-history'), action('replay-summary'), action('add-daily-totals')]);
    const [daily] = projectionFigures(facts(sim)).filter((p) => p.projection === 'daily_totals');
    expect(daily).toMatchObject({ events: 1_000, batches: 2 });
    expect(await rows('projector', 'SELECT count(*) AS n, sum(events) AS events FROM daily_totals')).toEqual([{ n: 3, events: 1_000 }]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('a crashed projector loses only its batch, and every projection resumes from its own checkpoint', async () => {
    const sim = await run([action('open-dave'), on('projector-crash'), action('deposit-alice'), action('race')]);
    expect(notes(sim).some((n) => n.includes('projector crashed'))).toBe(true);
    await sim.apply(off('projector-crash'));
    await sim.runUntilQuiet(50_000);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });
});

describe('determinism', () => {
  it('gives the same trace hash for the same seed and inputs', async () => {
    const inputs = [action('open-dave'), action('race'), action('rush')];
    const first = (await run(inputs, 11)).hash();
    await env.reset();
    expect((await run(inputs, 11)).hash()).toBe(first);
    await env.reset();
    expect((await run(inputs, 12)).hash()).not.toBe(first);
  });
});

describe('exercises', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('catch-a-conflict passes once a command needed a second attempt', async () => {
    const sim = await run([action('open-dave')]);
    expect((await exercises.check('catch-a-conflict', sim)).passed).toBe(false);
    await sim.apply(action('race'));
    await sim.runUntilQuiet();
    expect(await exercises.check('catch-a-conflict', sim)).toMatchObject({ passed: true });
  });

  it('switch-to-v2 passes only once account_summary reads a caught-up summary_v2', async () => {
    const sim = await run([action('load-history')]);
    expect((await exercises.check('switch-to-v2', sim)).message).toContain('still reads summary_v1');
    await sim.apply(action('replay-summary'));
    await sim.runUntilQuiet();
    expect(await exercises.check('switch-to-v2', sim)).toMatchObject({ passed: true });
  });

  it('fold-as-sql and time-travel accept the fold on hidden runs and refuse one without the upcaster or without the moment', async () => {
    const sim = await run([action('open-dave')]);
    const check = (id: string, answer: string) => exercises.check(id, sim, answer);
    expect(await check('fold-as-sql', FOLD_SQL)).toMatchObject({ passed: true });
    expect(await check('time-travel', TIME_TRAVEL_TRUTH)).toMatchObject({ passed: true });
    const noUpcaster = FOLD_SQL.replace(CENTS_PG, "(data->>'cents')::int");
    expect((await check('fold-as-sql', noUpcaster)).message).toMatch(/your query says balance_cents = \S+ for acc-\w+; its events say/);
    expect((await check('time-travel', FOLD_SQL)).passed).toBe(false);
    expect((await check('fold-as-sql', 'SELECT stream, balance_cents, version FROM accounts')).passed).toBe(false);
  }, 120_000);
});

/** Random reader schedules: commands, races, rushes, history, projections, and every fault on and off. */
const CHEAP_ACTIONS = lab.actions.map((a) => a.id).filter((id) => id !== 'load-busy-account' && id !== 'time-replays');
const FAULTS = lab.faults.map((f) => f.id);
const schedule = (actionIds: readonly string[], faultIds: readonly string[]) =>
  fc.array(
    fc.record({
      after: fc.nat({ max: 25 }),
      input: fc.oneof(
        fc.constantFrom(...actionIds).map(action),
        fc.record({ faultId: fc.constantFrom(...faultIds), on: fc.boolean() }).map((f): ReaderInput => ({ kind: 'fault', ...f })),
      ),
    }),
    { minLength: 2, maxLength: 8 },
  );

async function runSchedule(definition: LabDefinition, seed: number, plan: readonly { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  for (const fault of FAULTS) await sim.apply(off(fault));
  // Old deposits make summary_v1 wrong by design: the schedule ends with the fix, as the chapter does.
  await sim.apply(action('replay-summary'));
  await sim.runUntilQuiet(50_000);
  return { sim, invariants: await sim.checkInvariants() };
}

describe('invariants under random schedules (property)', () => {
  it('hold once the faults stop and the summary is replayed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule(CHEAP_ACTIONS, FAULTS), async (seed, plan) => {
        const { sim, invariants } = await runSchedule(lab, seed, plan);
        expect(sim.quiet).toBe(true);
        expect(statuses(invariants)).toEqual(ALL_HOLD);
      }),
      { numRuns: propertyRuns(6) },
    );
  }, 600_000);

  it('catch a command handler without the version check: a lost update under concurrent commands', async () => {
    const broken = eventSourcingLab({ optimistic: false, timing: 'left-out' });
    const outcome = await fc.check(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        schedule(['race', 'rush', 'deposit-alice', 'open-dave'], ['slow-risk-check']),
        async (seed, plan) => {
          // Two withdrawals that one balance cannot cover, then whatever the schedule adds.
          const prefix = [
            { after: 0, input: action('open-dave') },
            { after: 15, input: action('race') },
          ];
          const { sim, invariants } = await runSchedule(broken, seed, [...prefix, ...plan]);
          expect(concurrencyFigures(facts(sim)).conflicts).toBe(0);
          return [...invariants.values()].every((r) => r.status === 'holds');
        },
      ),
      { numRuns: propertyRuns(6) },
    );
    expect(outcome.failed).toBe(true);
  }, 600_000);

  it('catch a fold that ignores versions: the events a snapshot already holds count twice', async () => {
    const broken = eventSourcingLab({ fold: 'ignores-versions', timing: 'left-out' });
    const outcome = await fc.check(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        schedule(['deposit-alice', 'withdraw-alice', 'rush'], FAULTS),
        async (seed, plan) => {
          // Alice has snapshots once the history is in; her next command loads from one.
          const prefix = [
            { after: 0, input: action('load-history') },
            { after: 15, input: action('deposit-alice') },
          ];
          const { invariants } = await runSchedule(broken, seed, [...prefix, ...plan]);
          return [...invariants.values()].every((r) => r.status === 'holds');
        },
      ),
      { numRuns: propertyRuns(3) },
    );
    expect(outcome.failed).toBe(true);
  }, 600_000);
});
