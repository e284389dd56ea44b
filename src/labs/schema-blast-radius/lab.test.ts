import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requireDb, select } from '../check/select.ts';
import type { ExerciseContext } from '../check/types.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { factsOf } from '../kit/define-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import { DOMAIN_DATABASES, SHARED_DATABASE, type Layout } from '../ticket-system/layout.ts';
import { QUERIES, queryById } from '../ticket-system/queries.ts';
import { schemaBlastRadiusLab } from './lab.ts';
import { latestAnswers } from './measures.ts';
import type { AnswerFact } from './messages.ts';
import { brokenServices, probeLayout } from './probe.ts';
import { propertyRuns } from '../check/property-runs.ts';

const lab = schemaBlastRadiusLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

async function sql(service: string, text: string) {
  const result = await requireDb(env.databases, service).query(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
}

async function round(sim: Simulation, layout: Layout) {
  await sim.apply({ kind: 'action', actionId: layout === 'shared' ? 'run-shared' : 'run-split' });
  await sim.runUntilQuiet();
}

function context(sim: Simulation): ExerciseContext {
  return {
    databases: env.databases,
    crashed: sim.crashed,
    run: async (service, text) => {
      const result = await sim.apply({ kind: 'sql', service, sql: text });
      if (!result) throw new Error('a SQL input always has a result');
      return result;
    },
  };
}

function exercise(id: string) {
  const found = lab.exercises.find((e) => e.id === id);
  if (!found) throw new Error(id);
  return found;
}

describe('the three services and their databases', () => {
  it('runs every query in both layouts on a fresh lab, through messages to the databases', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    await round(sim, 'shared');
    await round(sim, 'split');
    for (const layout of ['shared', 'split'] as const) {
      const answers = latestAnswers(factsOf<AnswerFact>(sim.trace), layout);
      expect(answers.map((a) => a.query)).toEqual(QUERIES.map((q) => q.id));
      expect(answers.filter((a) => !a.ok)).toEqual([]);
    }
    const statuses = [...(await sim.checkInvariants()).values()].map((r) => r.status);
    expect(statuses).toEqual(['holds', 'holds']);
    // The write really ran on the monolith, and its trigger kept the customer's count.
    const counts = await select(requireDb(env.databases, SHARED_DATABASE), 'SELECT open_tickets FROM customers WHERE id = 2');
    expect(counts).toEqual([{ open_tickets: 2 }]);
  });

  it('keeps only what each split database needs, and no trigger', async () => {
    for (const db of DOMAIN_DATABASES) {
      const tables = await select(
        requireDb(env.databases, db.name),
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
      );
      expect(tables.map((t) => t['tablename'])).toEqual([...db.owns, ...db.copies].sort());
      const triggers = await select(requireDb(env.databases, db.name), 'SELECT tgname FROM pg_trigger WHERE NOT tgisinternal');
      expect(triggers).toEqual([]);
    }
  });

  it('shows who breaks when the shared database renames experts.name, with Postgres’s code and position', async () => {
    await sql(SHARED_DATABASE, 'ALTER TABLE experts RENAME COLUMN name TO full_name');
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    await round(sim, 'shared');
    const failed = latestAnswers(factsOf<AnswerFact>(sim.trace), 'shared').filter((a) => !a.ok);
    expect(failed.map((a) => `${a.service} ${a.query}`)).toEqual(['ticket open-tickets', 'reporting expert-scores']);
    const failures = await probeLayout(env.databases, 'shared');
    expect(failures.map((f) => [f.service, f.query, f.code])).toEqual([
      ['ticket', 'open-tickets', '42703'],
      ['reporting', 'expert-scores', '42703'],
    ]);
    for (const f of failures) {
      expect(f.position).not.toBeNull();
      expect(queryById(f.query).sql.slice((f.position ?? 0) - 1)).toMatch(/^e\.name/);
    }
    const inv = await sim.checkInvariants();
    expect(inv.get('shared-queries-run')?.status).toBe('broken');
    expect(inv.get('shared-queries-run')?.rows).toHaveLength(2);
    expect(inv.get('split-queries-run')?.status).toBe('holds');
  });

  it('confines the same rename to its owner in the split layout', async () => {
    await sql('ticket-db', 'ALTER TABLE experts RENAME COLUMN name TO full_name');
    expect(brokenServices(await probeLayout(env.databases, 'split'))).toEqual(['ticket']);
    expect(await probeLayout(env.databases, 'shared')).toEqual([]);
  });

  it('reports a write that fails through the trigger with the position inside the query, and rolls probes back', async () => {
    await sql(SHARED_DATABASE, 'ALTER TABLE customers RENAME COLUMN open_tickets TO open_count');
    const failures = await probeLayout(env.databases, 'shared');
    expect(failures.map((f) => `${f.service} ${f.query} ${f.code}`)).toEqual(['ticket create-ticket 42703']);
    const issued = await probeLayout(env.databases, 'shared');
    expect(issued).toEqual(failures);
    const invoices = await select(requireDb(env.databases, SHARED_DATABASE), 'SELECT count(*)::int AS n FROM invoices');
    expect(invoices).toEqual([{ n: 6 }]);
  });

  it('lets Postgres refuse a retype that a view depends on (0A000)', async () => {
    const result = await requireDb(env.databases, SHARED_DATABASE).query('ALTER TABLE customers ALTER COLUMN name TYPE varchar(20)');
    expect(!result.ok && result.error.code).toBe('0A000');
    const split = await requireDb(env.databases, 'billing-db').query('ALTER TABLE customers ALTER COLUMN name TYPE varchar(20)');
    expect(split.ok).toBe(true);
  });
});

describe('exercises', () => {
  it('break-only-billing passes only when Billing and nothing else fails', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    const check = () => exercise('break-only-billing').check(context(sim));
    expect((await check()).passed).toBe(false);
    await sql(SHARED_DATABASE, 'ALTER TABLE invoices RENAME COLUMN paid TO settled');
    const both = await check();
    expect(both.passed).toBe(false);
    expect(both.message).toContain('revenue-by-city');
    await sql(SHARED_DATABASE, 'ALTER TABLE invoices RENAME COLUMN settled TO paid');
    await sql(SHARED_DATABASE, 'ALTER TABLE customers RENAME COLUMN email TO email_address');
    expect(await check()).toMatchObject({ passed: true });
    // The chapter's other answers: the view follows a rename of customers.name, so only Billing breaks.
    for (const change of ['ALTER TABLE customers RENAME COLUMN name TO full_name', 'ALTER TABLE invoices RENAME COLUMN period TO month']) {
      await env.reset();
      await sql(SHARED_DATABASE, change);
      expect(await check(), change).toMatchObject({ passed: true });
    }
  });

  it('break-through-the-trigger needs a change outside the tickets table', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    const check = () => exercise('break-through-the-trigger').check(context(sim));
    expect((await check()).passed).toBe(false);
    await sql(SHARED_DATABASE, 'ALTER TABLE tickets RENAME COLUMN status TO state');
    expect((await check()).message).toContain('open-tickets');
    await env.reset();
    await sql(SHARED_DATABASE, "ALTER TABLE tickets ADD CONSTRAINT no_normal CHECK (priority <> 'normal') NOT VALID");
    expect((await check()).message).toContain('trigger is not what broke it');
    await env.reset();
    await sql(SHARED_DATABASE, 'ALTER TABLE customers RENAME COLUMN open_tickets TO open_count');
    expect(await check()).toMatchObject({ passed: true });
  });
});

describe('determinism', () => {
  it('gives the same trace for the same seed and inputs', async () => {
    const run = async (seed: number) => {
      await env.reset();
      const sim = new Simulation({ lab, seed, databases: env.databases });
      await sim.apply({ kind: 'sql', service: SHARED_DATABASE, sql: 'ALTER TABLE customers RENAME COLUMN email TO mail' });
      await round(sim, 'shared');
      await round(sim, 'split');
      return sim.hash();
    };
    const first = await run(5);
    expect(await run(5)).toBe(first);
    expect(await run(6)).not.toBe(first);
  });
});

/** Every column of every table in a database, as the catalog has it. */
async function columnsOf(database: string): Promise<{ table: string; column: string }[]> {
  const rows = await select(
    requireDb(env.databases, database),
    `SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ table: String(r['table']), column: String(r['column']) }));
}

/** Renames one column, probes the layout, renames it back. */
async function blastRadius(database: string, layout: Layout, table: string, column: string) {
  await sql(database, `ALTER TABLE ${table} RENAME COLUMN ${column} TO renamed_column`);
  try {
    return brokenServices(await probeLayout(env.databases, layout));
  } finally {
    await sql(database, `ALTER TABLE ${table} RENAME COLUMN renamed_column TO ${column}`);
  }
}

describe('blast radius (property)', () => {
  it('in the split layout, renaming any column breaks at most the database’s owner', async () => {
    const candidates = (
      await Promise.all(DOMAIN_DATABASES.map(async (db) => (await columnsOf(db.name)).map((c) => ({ ...c, db }))))
    ).flat();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...candidates), async ({ db, table, column }) => {
        const broken = await blastRadius(db.name, 'split', table, column);
        expect(broken.filter((s) => s !== db.owner)).toEqual([]);
      }),
      { numRuns: propertyRuns(40) },
    );
  }, 60_000);

  it('catches the shared layout, where one rename can break several services (negative control)', async () => {
    const candidates = await columnsOf(SHARED_DATABASE);
    const outcome = await fc.check(
      fc.asyncProperty(fc.constantFrom(...candidates), async ({ table, column }) => {
        const broken = await blastRadius(SHARED_DATABASE, 'shared', table, column);
        return broken.length <= 1;
      }),
      { numRuns: propertyRuns(40) },
    );
    expect(outcome.failed).toBe(true);
  }, 60_000);
});
