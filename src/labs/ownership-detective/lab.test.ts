import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireDb, select } from '../check/select.ts';
import type { ExerciseContext } from '../check/types.ts';
import type { Cell, Database } from '../engine/types.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { factsOf } from '../kit/define-lab.ts';
import { hiddenRuns } from '../sim/hidden-run.ts';
import { SeededRandom } from '../sim/random.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, ReaderInput } from '../sim/types.ts';
import { touches, type TableCounters } from './counters.ts';
import { CLASSIFY_MONTHS, READ_ONLY_MONTHS, TWO_WRITER_MONTHS } from './hidden-months.ts';
import lab from './lab.ts';
import { WRITE_MATRIX_SQL } from './matrix.ts';
import { statementsBySender } from './measures.ts';
import { MONOLITH } from './monolith.ts';
import { classify, ownershipFromLog, type LogRow } from './ownership.ts';
import { CLASSIFY_SQL, READ_ONLY_SQL, TWO_WRITERS_SQL } from './solutions.ts';
import { STATEMENTS, verbOf } from './statements.ts';
import { pickVariant, TABLES, VARIANTS, variantByStory, type Variant } from './variants.ts';
import { propertyRuns } from '../check/property-runs.ts';

const MONTH: ReaderInput = { kind: 'action', actionId: 'run-month' };
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const monolithDb = (databases: ReadonlyMap<string, Database> = env.databases) => requireDb(databases, MONOLITH);

async function runMonths(seed: number, months = 1, databases: ReadonlyMap<string, Database> = env.databases) {
  const sim = new Simulation({ lab, seed, databases });
  for (let i = 0; i < months; i++) {
    await sim.apply(MONTH);
    await sim.runUntilQuiet();
  }
  return sim;
}

async function logOf(db: Database): Promise<LogRow[]> {
  return (await select(db, 'SELECT service, table_name, op FROM audit.write_log ORDER BY id')).map((r) => ({
    service: String(r['service']),
    table_name: String(r['table_name']),
    op: String(r['op']),
  }));
}

function variantsOf(sim: Simulation): Variant[] {
  return sim.trace.flatMap((e) => {
    const v = e.type === 'note' && e.service === 'workload' ? variantByStory(e.text) : undefined;
    return v ? [v] : [];
  });
}

/** The ownership a variant declares for each table, by the same rule the log is judged with. */
const declared = (variant: Variant) => [...TABLES].sort().map((t) => classify(t, variant.writers[t]));

function statuses(results: Map<string, InvariantResult>) {
  return Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
}

describe('a month of work against the monolith', () => {
  it('logs, on the default seed’s ordinary month, the writers the story declares, the trigger included', async () => {
    const sim = await runMonths(42);
    expect(variantsOf(sim).map((v) => v.id)).toEqual(['ordinary']);
    const log = await logOf(monolithDb());
    const truth = ownershipFromLog(log);
    const ordinary = VARIANTS.find((v) => v.id === 'ordinary');
    if (!ordinary) throw new Error('no ordinary month');
    expect(truth).toEqual(declared(ordinary));
    expect(truth.find((t) => t.table_name === 'customers')?.writers).toEqual(['customer', 'ticket']);
    // Ticket never sends a statement that writes customers: the trigger does it inside Ticket's own statements.
    const ticketSql = sim.trace.flatMap((e) =>
      e.type === 'deliver' && e.from === 'ticket' && e.to === MONOLITH ? [String(e.message['sql'])] : [],
    );
    expect(ticketSql.filter((s) => /^(INSERT INTO|UPDATE|DELETE FROM) customers/.test(s))).toEqual([]);
    expect(ticketSql.length).toBeGreaterThan(5);
    // Reads never make an owner: Assignment reads experts on every ticket and never writes it.
    expect(log.filter((r) => r.service === 'assignment' && r.table_name === 'experts').every((r) => r.op === 'SELECT')).toBe(true);
    expect(statuses(await sim.checkInvariants())).toEqual({ 'every-change-logged': 'holds', 'every-table-traced': 'holds' });
  });

  it('renders the write matrix from the log: one row per table, W and R per service', async () => {
    await runMonths(42);
    const matrix = await select(monolithDb(), WRITE_MATRIX_SQL);
    expect(matrix.map((r) => r['table_name'])).toEqual([...TABLES]);
    const customers = matrix.find((r) => r['table_name'] === 'customers');
    expect(String(customers?.['ticket'])).toMatch(/^W\d+ R\d+$/);
    expect(String(customers?.['reporting'])).toMatch(/^R\d+$/);
    expect(matrix.find((r) => r['table_name'] === 'surveys')?.['assignment']).toBe('');
  });

  it('measures statements per sender from the facts the services record as they send', async () => {
    const sim = await runMonths(42);
    const rows = statementsBySender(factsOf(sim.trace));
    const total = rows.reduce((sum, r) => sum + r.statements, 0);
    const delivered = sim.trace.filter((e) => e.type === 'deliver' && e.to === MONOLITH).length;
    expect(total).toBe(delivered);
    expect(rows.find((r) => r.service === 'reporting')?.writes).toBe(0);
    // Ticket's look-ups are its SELECTs; everything else it sends writes.
    const ticketSql = sim.trace.flatMap((e) =>
      e.type === 'deliver' && e.from === 'ticket' && e.to === MONOLITH ? [String(e.message['sql'])] : [],
    );
    const ticketSelects = ticketSql.filter((sql) => sql.startsWith('SELECT')).length;
    expect(ticketSelects).toBeGreaterThan(0);
    expect(rows.find((r) => r.service === 'ticket')).toMatchObject({ selects: ticketSelects, writes: ticketSql.length - ticketSelects });
  });

  it('knows the verb of every statement in the catalogue', () => {
    for (const byOp of Object.values(STATEMENTS))
      for (const sql of Object.values(byOp)) expect(['SELECT', 'INSERT', 'UPDATE', 'DELETE']).toContain(verbOf(sql));
  });

  it('gives the same write log and trace hash for the same seed, and another for another seed', async () => {
    const once = async (seed: number) => {
      await env.reset();
      const sim = await runMonths(seed);
      return { hash: sim.hash(), log: await select(monolithDb(), 'SELECT * FROM audit.write_log ORDER BY id') };
    };
    const first = await once(5);
    const second = await once(5);
    expect(second.log).toEqual(first.log);
    expect(second.hash).toBe(first.hash);
    expect((await once(6)).hash).not.toBe(first.hash);
  });

  it('adds a second month to the same log, and the invariants still hold', async () => {
    const sim = await runMonths(42, 2);
    const stories = sim.trace.filter((e) => e.type === 'note' && e.service === 'workload');
    expect(stories).toHaveLength(2);
    const truth = ownershipFromLog(await logOf(monolithDb()));
    const union = (t: string) => [...new Set(variantsOf(sim).flatMap((v) => v.writers[t as (typeof TABLES)[number]]))];
    expect(truth).toEqual([...TABLES].sort().map((t) => classify(t, union(t))));
    expect(statuses(await sim.checkInvariants())).toEqual({ 'every-change-logged': 'holds', 'every-table-traced': 'holds' });
  });

  it('catches a write that went around the log (negative control for every-change-logged)', async () => {
    const sim = await runMonths(42);
    await sim.apply({ kind: 'sql', service: MONOLITH, sql: "INSERT INTO zip_codes VALUES ('99999', 'Nowhere', 'XX')" });
    const result = (await sim.checkInvariants()).get('every-change-logged');
    expect(result?.status).toBe('broken');
    expect(result?.summary).toContain('zip_codes');
  });

  /** A month's story is the kernel's first draw, so the seed of each story can be found without running it. */
  const seedsFor = (variant: string, count: number) => {
    const seeds: number[] = [];
    for (let seed = 1; seeds.length < count; seed++) if (pickVariant(new SeededRandom(seed).next()).id === variant) seeds.push(seed);
    return seeds;
  };
  const check = async (seed: number) => {
    await env.reset();
    const sim = await runMonths(seed);
    const [variant] = variantsOf(sim);
    if (!variant) throw new Error(`seed ${seed}: no story in the trace`);
    expect(ownershipFromLog(await logOf(monolithDb()))).toEqual(declared(variant));
    const inv = await sim.checkInvariants();
    expect(statuses(inv)).toEqual({ 'every-change-logged': 'holds', 'every-table-traced': 'holds' });
    return variant.id;
  };

  it.each(VARIANTS.map((v) => v.id))('the ownership computed from the log equals what the story “%s” declares', async (id) => {
    for (const seed of seedsFor(id, 2)) expect(await check(seed)).toBe(id);
  });

  it('property: on any seed, the ownership computed from the log equals what the month’s story declares', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        await check(seed);
      }),
      { numRuns: propertyRuns(12), seed: 20260 },
    );
  }, 300_000);
});

describe('what a statement touched, from the table counters', () => {
  const c = (over: Partial<TableCounters> = {}): TableCounters => ({ scans: 0, rowsRead: 0, inserted: 0, updated: 0, deleted: 0, ...over });

  it('logs writes for written tables and a read for tables only scanned', () => {
    const before = new Map([
      ['tickets', c({ scans: 4 })],
      ['customers', c({ scans: 2, updated: 1 })],
    ]);
    const after = new Map([
      ['tickets', c({ scans: 5, inserted: 1 })],
      ['customers', c({ scans: 3, rowsRead: 1, updated: 2 })],
      ['experts', c({ scans: 1, rowsRead: 1 })],
    ]);
    expect(touches(before, after)).toEqual([
      { table_name: 'customers', op: 'UPDATE', rows: 1 },
      { table_name: 'experts', op: 'SELECT', rows: 1 },
      { table_name: 'tickets', op: 'INSERT', rows: 1 },
    ]);
  });

  it('counts an UPDATE that matched no row as a read, not a write', () => {
    expect(touches(new Map([['invoices', c()]]), new Map([['invoices', c({ scans: 1 })]]))).toEqual([
      { table_name: 'invoices', op: 'SELECT', rows: 0 },
    ]);
  });
});

describe('exercises, checked on months the reader has not seen', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);
  const check = (id: string, sim: Simulation, answer: string) => exercises.check(id, sim, answer);

  /** The answer a reader could copy from the visible month: the rows of the right query, typed in as constants. */
  async function hardCoded(sql: string): Promise<string> {
    const rows = await select(monolithDb(), sql);
    const literal = (v: Cell) => (v === null ? 'NULL' : `'${String(v)}'`);
    return `SELECT * FROM (VALUES ${rows.map((r) => `(${Object.values(r).map(literal).join(', ')})`).join(', ')}) AS t`;
  }

  it('uses hidden seeds that still draw the months they were chosen for', async () => {
    for (const month of [...TWO_WRITER_MONTHS, ...READ_ONLY_MONTHS, ...CLASSIFY_MONTHS]) {
      await env.reset();
      const sim = await runMonths(month.seed);
      expect(variantsOf(sim).map((v) => v.id)).toEqual([month.variant]);
    }
  });

  it('two-writers: the general query passes; the visible month typed in as constants fails', async () => {
    const sim = await runMonths(42);
    expect(await select(monolithDb(), TWO_WRITERS_SQL)).toEqual([{ table_name: 'customers' }, { table_name: 'tickets' }]);
    expect(await check('two-writers', sim, TWO_WRITERS_SQL)).toMatchObject({ passed: true });
    const copied = await check('two-writers', sim, await hardCoded(TWO_WRITERS_SQL));
    expect(copied.passed).toBe(false);
    expect(copied.message).toMatch(/^On a month you have not seen \(/);
    // Counting readers as well as writers is wrong already on the reader's own month.
    const withReads = await check(
      'two-writers',
      sim,
      'SELECT table_name FROM audit.write_log GROUP BY table_name HAVING count(DISTINCT service) = 2',
    );
    expect(withReads.message).toMatch(/^On your own month/);
  });

  it('reads-are-not-ownership: pairs of reader and table, never a service that also writes the table', async () => {
    const sim = await runMonths(42);
    expect(await check('reads-are-not-ownership', sim, READ_ONLY_SQL)).toMatchObject({ passed: true });
    expect((await check('reads-are-not-ownership', sim, await hardCoded(READ_ONLY_SQL))).passed).toBe(false);
    // Ticket reads customers and also writes it (through the trigger): a plain list of reads is not the answer.
    const naive = await check(
      'reads-are-not-ownership',
      sim,
      "SELECT DISTINCT service, table_name FROM audit.write_log WHERE op = 'SELECT'",
    );
    expect(naive.passed).toBe(false);
    expect(naive.message).toContain('ticket reads customers');
  });

  it('classify-every-table: the rule as SQL passes; the visible answer as constants fails (negative control)', async () => {
    const sim = await runMonths(42);
    expect(await check('classify-every-table', sim, CLASSIFY_SQL)).toMatchObject({ passed: true });
    const copied = await check('classify-every-table', sim, await hardCoded(CLASSIFY_SQL));
    expect(copied.passed).toBe(false);
    expect(copied.message).toContain('hiring freeze');
    expect(copied.message).toContain(
      'experts is single with owner expert in your answer, but the log shows no service writing it, which makes it none',
    );
    // Forgetting tables that nobody wrote passes the visible month and fails a hidden one.
    const writesOnly = `SELECT table_name,
      CASE count(DISTINCT service) WHEN 1 THEN 'single' WHEN 2 THEN 'joint' ELSE 'common' END,
      CASE WHEN count(DISTINCT service) = 1 THEN min(service) END
      FROM audit.write_log WHERE op <> 'SELECT' GROUP BY table_name`;
    const forgot = await check('classify-every-table', sim, writesOnly);
    expect(forgot.passed).toBe(false);
    expect(forgot.message).toContain('missed 1 table (experts)');
  });

  it('classify-every-table: counting writers (three or more is common) passes the visible month and fails a hidden one', async () => {
    const sim = await runMonths(42);
    const byCount = `SELECT table_name,
      CASE count(DISTINCT service) FILTER (WHERE op <> 'SELECT') WHEN 0 THEN 'none' WHEN 1 THEN 'single' WHEN 2 THEN 'joint' ELSE 'common' END,
      CASE WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 1 THEN min(service) FILTER (WHERE op <> 'SELECT') END
      FROM audit.write_log GROUP BY table_name`;
    const counted = await check('classify-every-table', sim, byCount);
    expect(counted.passed).toBe(false);
    expect(counted.message).toContain('Billing corrects customer email addresses itself');
    expect(counted.message).toContain(
      'customers is common in your answer, but the log shows billing, customer, ticket writing it, which makes it joint',
    );
  });

  it('classifies by the data, not by the number of writers: reference data is common, a business table joint', () => {
    expect(classify('zip_codes', ['customer', 'expert']).ownership).toBe('common');
    expect(classify('zip_codes', ['location']).ownership).toBe('single');
    expect(classify('tickets', ['assignment', 'billing', 'ticket']).ownership).toBe('joint');
    expect(classify('experts', []).ownership).toBe('none');
  });

  it('says what is wrong in the reader’s terms: empty log, no answer, a failing query, too few columns', async () => {
    const idle = new Simulation({ lab, seed: 42, databases: env.databases });
    expect((await check('classify-every-table', idle, CLASSIFY_SQL)).message).toContain('Run a month of work');
    const sim = await runMonths(42);
    expect((await check('classify-every-table', sim, '  ')).message).toContain('Type a query');
    expect((await check('classify-every-table', sim, 'SELECT nope FROM audit.write_log')).message).toMatch(
      /^Postgres answered: column "nope"/,
    );
    expect((await check('classify-every-table', sim, 'SELECT DISTINCT table_name FROM audit.write_log')).message).toContain(
      'three columns',
    );
  });

  it('runs a hidden month on the reader’s own databases and puts the reader’s month back', async () => {
    const sim = await runMonths(42);
    const before = await select(monolithDb(), 'SELECT * FROM audit.write_log ORDER BY id');
    const hidden = hiddenRuns({ lab, databases: env.databases });
    const ctx: ExerciseContext = {
      ...exercises.context(sim, TWO_WRITERS_SQL),
      replay: (seed, inputs, inspect) => hidden.run(seed, inputs, (run) => inspect({ databases: env.databases, crashed: run.crashed })),
    };
    expect(await exercises.exercise('two-writers').check(ctx)).toMatchObject({ passed: true });
    expect(await select(monolithDb(), 'SELECT * FROM audit.write_log ORDER BY id')).toEqual(before);
  }, 60_000);

  it('is printed in the chapter word for word', () => {
    const chapter = readFileSync(new URL('../../content/docs/ownership/who-owns.mdx', import.meta.url), 'utf8');
    for (const sql of [TWO_WRITERS_SQL, READ_ONLY_SQL, CLASSIFY_SQL]) expect(chapter).toContain(sql);
  });
});
