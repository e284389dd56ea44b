import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requireDb, select } from '../check/select.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { factsOf } from '../kit/define-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, ReaderInput } from '../sim/types.ts';
import { audit } from './audit.ts';
import { SPLIT_MIGRATION_SQL } from './data-service.ts';
import lab from './lab.ts';
import { runFigures, schemaReach, widestReach } from './measures.ts';
import type { FaultId } from './messages.ts';
import { loadTicketsSql, otherTickets } from './other-data.ts';
import { readJointRows, splitProblems } from './split-check.ts';
import { ownerWrite, readRow, saveWholeRow, type TicketRow } from './statements.ts';
import { APP_SERVICES, columnsOf, SPLIT_DB, TECHNIQUES, TICKET_COLUMNS, TICKET_DB } from './techniques.ts';
import { drawWorkload } from './workload.ts';
import { propertyRuns } from '../check/property-runs.ts';

let env: NodeLab;
beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

function simulation(seed = 1) {
  return new Simulation({ lab, seed, databases: env.databases });
}

async function run(seed: number, inputs: readonly ReaderInput[]) {
  const sim = simulation(seed);
  for (const input of inputs) await sim.apply(input);
  await sim.runUntilQuiet();
  return sim;
}

const split: ReaderInput = { kind: 'action', actionId: 'apply-split' };
const workload: ReaderInput = { kind: 'action', actionId: 'run-workload' };
const fault = (faultId: FaultId, on = true): ReaderInput => ({ kind: 'fault', faultId, on });

function statuses(results: Map<string, InvariantResult>) {
  return Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
}

function figuresOf(sim: Simulation, technique: string) {
  const found = runFigures(sim.trace)?.techniques.find((t) => t.technique === technique);
  if (!found) throw new Error(`no figures for ${technique}`);
  return found;
}

describe('the four techniques on one workload', () => {
  it('runs the same requests through every technique and audits them with real queries', async () => {
    const sim = await run(2, [split, workload]);
    const figures = runFigures(sim.trace);
    expect(figures?.finished).toBe(true);
    for (const t of figures?.techniques ?? []) {
      expect(t.assign.done + t.assign.refused + t.assign.failed).toBe(4);
      expect(t.ticket.done + t.ticket.refused + t.ticket.failed).toBe(8);
      expect(t.audit?.error).toBeUndefined();
      expect(t.audit?.lostUpdates).toBe(0);
    }
    expect(statuses(await sim.checkInvariants())).toEqual({
      'no-lost-updates': 'holds',
      'shared-key-intact': 'holds',
      'owners-write-their-slice': 'holds',
      'acknowledged-writes-stored': 'holds',
    });
  });

  it('counts an extra service hop for delegated writes only, and database reads only in the data domain', async () => {
    const sim = await run(2, [split, workload]);
    expect(figuresOf(sim, 'split').serviceMessagesPerWrite).toBe(0);
    expect(figuresOf(sim, 'merged').serviceMessagesPerWrite).toBe(0);
    expect(figuresOf(sim, 'domain').serviceMessagesPerWrite).toBe(0);
    expect(figuresOf(sim, 'delegate').serviceMessagesPerWrite).toBeGreaterThan(0);
    expect(figuresOf(sim, 'split').dbMessagesPerWrite).toBe(2);
    expect(figuresOf(sim, 'domain').dbMessagesPerWrite).toBeGreaterThan(2);
  });

  it('lets only the split accept assignments to closed tickets, and the audit finds them', async () => {
    let seen = 0;
    for (const seed of [2, 3, 4]) {
      await env.reset();
      const sim = await run(seed, [split, workload]);
      seen += figuresOf(sim, 'split').audit?.closedAssignments ?? 0;
      for (const t of ['domain', 'delegate', 'merged']) expect(figuresOf(sim, t).audit?.closedAssignments).toBe(0);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('measures who keeps working while Ticket is down', async () => {
    const sim = await run(3, [split, fault('ticket-down'), workload]);
    expect([...sim.crashed].sort()).toEqual(['ticket', 'ticket-management']);
    for (const t of ['split', 'domain', 'delegate', 'merged']) expect(figuresOf(sim, t).ticket.done).toBe(0);
    expect(figuresOf(sim, 'delegate').assign.done).toBe(0);
    expect(figuresOf(sim, 'merged').assign.done).toBe(0);
    expect(figuresOf(sim, 'split').assign.done).toBeGreaterThan(0);
  });

  it('fails every split assignment with a real Postgres error until the split is applied', async () => {
    const sim = await run(2, [workload]);
    expect(figuresOf(sim, 'split').assign).toMatchObject({ done: 0, failed: 4 });
    const reasons = await select(
      requireDb(env.databases, 'client'),
      "SELECT DISTINCT detail FROM requests WHERE technique = 'split' AND kind = 'assign'",
    );
    expect(reasons.map((r) => r['detail'])).toEqual(['42P01: relation "ticket_assignments" does not exist']);
    expect((await sim.checkInvariants()).get('owners-write-their-slice')?.status).toBe('pending');
  });

  it('computes the reach of a column change from the queries each service sent', async () => {
    const sim = await run(2, [split, workload]);
    const reach = schemaReach(factsOf(sim.trace));
    expect([...(reach.get('domain')?.get('expert_id') ?? [])].sort()).toEqual(['assignment', 'ticket']);
    expect([...(reach.get('split')?.get('expert_id') ?? [])]).toEqual(['assignment']);
    expect([...(reach.get('split')?.get('priority') ?? [])]).toEqual(['ticket']);
    expect(widestReach(reach.get('domain'))).toBe(2);
    expect(widestReach(reach.get('delegate'))).toBe(1);
    expect(widestReach(reach.get('merged'))).toBe(1);
  });

  it('declares, with every statement, exactly the ticket columns its text names', () => {
    const ops = drawWorkload(() => 0.5, 201);
    expect(new Set(ops.map((op) => op.kind))).toEqual(new Set(['create', 'assign', 'close', 'reprioritize']));
    const row: TicketRow = {
      id: 102,
      customer_id: 1,
      description: 'Printer offline',
      priority: 'normal',
      status: 'open',
      expert_id: null,
      scheduled_for: null,
      version: 1,
    };
    const statements = [
      ...TECHNIQUES.map((t) => readRow(t, 102)),
      ...TECHNIQUES.flatMap((t) => APP_SERVICES.flatMap((s) => ops.map((op) => ownerWrite(t, s, 'r1', op)))),
      ...ops.map((op) => saveWholeRow('ticket', 'r1', op, row, true)),
    ];
    for (const statement of statements) {
      // String literals are values, not names: a description may well say "status".
      const names = statement.sql.replace(/'(?:[^']|'')*'/g, "''");
      const named = TICKET_COLUMNS.filter((column) => new RegExp(`\\b${column}\\b`).test(names));
      expect([...statement.columns].sort(), statement.sql).toEqual([...named].sort());
    }
  });

  it('is refused by Postgres, not by the lab, when Assignment writes a table it does not own', async () => {
    const db = requireDb(env.databases, TICKET_DB);
    const result = await db.query(
      'BEGIN; SET LOCAL ROLE assignment_svc; UPDATE delegate.tickets SET expert_id = 1 WHERE id = 102; COMMIT;',
    );
    expect(!result.ok && result.error.code).toBe('42501');
    await db.query('ROLLBACK');
  });
});

describe('negative control: the data domain without its version check', () => {
  it('loses updates, and the audit and the invariant find them', async () => {
    let lost = 0;
    for (const seed of [5, 6, 7, 8]) {
      await env.reset();
      const sim = await run(seed, [split, fault('no-version-check'), workload]);
      const found = (await audit((sql) => requireDb(env.databases, TICKET_DB).query(sql), 'domain')).lost.length;
      lost += found;
      expect(figuresOf(sim, 'domain').audit?.lostUpdates).toBe(found);
      if (found > 0) expect((await sim.checkInvariants()).get('no-lost-updates')?.status).toBe('broken');
    }
    expect(lost).toBeGreaterThan(0);
  });
});

describe('the table split', () => {
  it('passes the check when done by the lab’s migration, preserving every row', async () => {
    const db = requireDb(env.databases, SPLIT_DB);
    const before = await readJointRows(db);
    const result = await db.query(SPLIT_MIGRATION_SQL);
    expect(result.ok).toBe(true);
    expect(await splitProblems(db, before)).toEqual([]);
  });

  it('finds a split that forgot the foreign key, left grants behind or lost a row', async () => {
    const db = requireDb(env.databases, SPLIT_DB);
    const before = await readJointRows(db);
    const noFk = SPLIT_MIGRATION_SQL.replace('PRIMARY KEY REFERENCES tickets (id)', 'PRIMARY KEY');
    expect((await db.query(noFk)).ok).toBe(true);
    expect(await splitProblems(db, before)).toContain('ticket_assignments.ticket_id must reference tickets (id)');
    await env.reset();
    const keepsGrant = SPLIT_MIGRATION_SQL.replace('REVOKE ALL ON tickets FROM assignment_svc;', '');
    expect((await db.query(keepsGrant)).ok).toBe(true);
    expect(await splitProblems(db, before)).toContain('assignment_svc can still write tickets (revoke it)');
    await env.reset();
    const dropsOne = SPLIT_MIGRATION_SQL.replace('WHERE expert_id IS NOT NULL', 'WHERE expert_id IS NOT NULL AND id <> 101');
    expect((await db.query(dropsOne)).ok).toBe(true);
    expect((await splitProblems(db, before)).join()).toMatch(/ticket 101’s assignment .* did not move/);
  });
});

describe('the diagrams’ data', () => {
  async function columnsIn(db: string, schema: string, table: string) {
    const rows = await select(
      requireDb(env.databases, db),
      `SELECT column_name FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}' ORDER BY ordinal_position`,
    );
    return rows.map((r) => String(r['column_name'])).filter((c) => !['id', 'ticket_id', 'created_at', 'version'].includes(c));
  }

  it('matches the real tables: columnsOf says what each technique’s tables hold', async () => {
    for (const technique of ['domain', 'delegate', 'merged'] as const) {
      expect(await columnsIn(TICKET_DB, technique, 'tickets')).toEqual([...columnsOf(technique, 'tickets')]);
    }
    expect((await requireDb(env.databases, SPLIT_DB).query(SPLIT_MIGRATION_SQL)).ok).toBe(true);
    expect(await columnsIn(SPLIT_DB, 'public', 'tickets')).toEqual([...columnsOf('split', 'tickets')]);
    expect(await columnsIn(SPLIT_DB, 'public', 'ticket_assignments')).toEqual([...columnsOf('split', 'ticket_assignments')]);
  });
});

describe('exercises', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('split-the-table passes the migration and fails a split that copies the visible rows by hand', async () => {
    const handCopy = SPLIT_MIGRATION_SQL.replace(
      'SELECT id, expert_id, scheduled_for FROM tickets WHERE expert_id IS NOT NULL',
      "VALUES (101, 1, '2026-01-05 14:00+00'), (103, 3, '2026-01-06 10:00+00'), (105, 3, '2026-01-04 09:30+00'), (106, 2, '2026-01-05 16:00+00'), (107, 1, '2026-01-03 11:00+00'), (108, 3, '2026-01-06 15:00+00')",
    );
    const wrong = await exercises.check('split-the-table', simulation(), handCopy);
    expect(wrong.passed).toBe(false);
    expect(wrong.message).toMatch(/other tickets/);
    const right = await exercises.check('split-the-table', simulation(), SPLIT_MIGRATION_SQL);
    expect(right).toMatchObject({ passed: true });
    expect(right.message).toMatch(/All 8 tickets kept their values/);
  });

  it('other-data builds a different table each seed, which the migration splits correctly', async () => {
    const rows = otherTickets(0x5e117);
    expect(rows).not.toEqual(otherTickets(0x5e118));
    const db = requireDb(env.databases, SPLIT_DB);
    expect((await db.query(loadTicketsSql(rows))).ok).toBe(true);
    expect((await db.query(SPLIT_MIGRATION_SQL)).ok).toBe(true);
    expect(await splitProblems(db, rows)).toEqual([]);
  });

  it('lose-an-update fails on a correct run and passes once the version check is off', async () => {
    const sim = await run(6, [split, workload]);
    expect((await exercises.check('lose-an-update', sim)).passed).toBe(false);
    await env.reset();
    const broken = await run(6, [split, fault('no-version-check'), workload]);
    const result = await exercises.check('lose-an-update', broken);
    expect(result.passed).toBe(true);
  });

  it('ticket-down-winner accepts a query that counts and refuses one that names a winner', async () => {
    const sim = simulation();
    const counting = `WITH d AS (SELECT technique, sum(outcome = 'done') AS n FROM requests WHERE kind = 'assign' GROUP BY technique)
SELECT technique FROM d WHERE n = (SELECT max(n) FROM d)`;
    expect(await exercises.check('ticket-down-winner', sim, counting)).toMatchObject({ passed: true });
    const naming = "SELECT 'domain'";
    expect((await exercises.check('ticket-down-winner', sim, naming)).passed).toBe(false);
  });
});

describe('determinism', () => {
  async function hashOf(seed: number) {
    await env.reset();
    const sim = await run(seed, [split, fault('duplicate-requests'), workload]);
    return { trace: sim.trace, hash: sim.hash() };
  }

  it('gives the same trace for the same seed and inputs, and another for another seed', async () => {
    const first = await hashOf(21);
    const second = await hashOf(21);
    expect(second.trace).toEqual(first.trace);
    expect(second.hash).toBe(first.hash);
    expect((await hashOf(22)).hash).not.toBe(first.hash);
  });
});

/** Random schedules of faults, restarts and workload runs, with the split applied first. */
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 120 }),
    input: fc.oneof(
      fc.constant<ReaderInput>(workload),
      fc.constantFrom<ReaderInput>({ kind: 'restart', service: 'ticket' }, { kind: 'restart', service: 'assignment' }),
      fc.record({
        kind: fc.constant('fault' as const),
        faultId: fc.constantFrom<FaultId>('ticket-down', 'assignment-down', 'duplicate-requests'),
        on: fc.boolean(),
      }),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('invariants under random faults (property)', () => {
  it('hold for every technique whatever crashes or is duplicated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        await env.reset();
        const sim = simulation(seed);
        await sim.apply(split);
        await sim.apply(workload);
        for (const { after, input } of plan) {
          for (let i = 0; i < after && (await sim.step()); i++);
          await sim.apply(input);
        }
        await sim.runUntilQuiet(5000);
        expect(sim.quiet).toBe(true);
        for (const [id, result] of await sim.checkInvariants()) expect(`${id}: ${result.status}`).toBe(`${id}: holds`);
      }),
      { numRuns: propertyRuns(25) },
    );
  }, 120_000);
});
