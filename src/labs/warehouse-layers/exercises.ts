/** The chapter's exercises, checked against the lab's real databases; the three that take SQL on runs the reader never saw. */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Cell } from '../engine/types.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { unrulyStream } from '../kit/unruly-stream.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { EVENT_COLUMNS, eventOf, planCountsOf, showCounts, truthSql } from './queries.ts';

/**
 * Runs the reader never sees: other seeds, a month with every data fault on. `streamSeed` cuts the run's
 * customer changes into the stream the type 2 merge is fed (the lab's tests check that it repeats batches and
 * delivers an older version after a newer one).
 */
export const HIDDEN_RUNS: readonly { readonly seed: number; readonly streamSeed: number; readonly inputs: readonly RecordedInput[] }[] = [
  0x5ca1ab1e, 0xd1ce,
].map((seed) => ({
  seed,
  streamSeed: 5,
  inputs: [
    { step: 0, input: { kind: 'fault', faultId: 'duplicate-delivery', on: true } },
    { step: 0, input: { kind: 'fault', faultId: 'late-events', on: true } },
    { step: 0, input: { kind: 'fault', faultId: 'bad-records', on: true } },
    { step: 0, input: { kind: 'action', actionId: 'run-month' } },
  ],
}));

type Problem = string | undefined;

async function onHiddenRuns(
  replay: NonNullable<Parameters<ExerciseDefinition['check']>[0]['replay']>,
  inspect: (run: HiddenRunView, streamSeed: number) => Promise<Problem>,
): Promise<Problem> {
  for (const hidden of HIDDEN_RUNS) {
    const problem = await replay(hidden.seed, hidden.inputs, (run) => inspect(run, hidden.streamSeed));
    if (problem) return problem;
  }
  return undefined;
}

const NO_REPLAY: CheckResult = {
  passed: false,
  message: 'This check replays the lab on runs you have not seen, and this page cannot do that.',
};

/** A SELECT the reader typed, usable as a subquery: one statement, no trailing semicolon. */
const asSubquery = (sql: string) => sql.trim().replace(/;\s*$/, '');

const key = (row: Record<string, Cell>, columns: readonly string[]) => columns.map((c) => String(row[c])).join('|');

// ---- The type 2 merge -------------------------------------------------------------------------------------

export interface CustomerChange {
  readonly seq: number;
  readonly customerId: number;
  readonly plan: string;
  readonly validFrom: number;
}

/** The customer changes of a run, as the operational service logged them. */
export async function customerChanges(run: HiddenRunView): Promise<CustomerChange[]> {
  const rows = await select(
    requireDb(run.databases, 'ops'),
    `SELECT ${EVENT_COLUMNS} FROM change_events WHERE entity = 'customer' ORDER BY seq`,
  );
  return rows.map(eventOf).map((e) => ({
    seq: e.seq,
    customerId: e.entityId,
    plan: String((JSON.parse(e.payload) as { plan?: string }).plan),
    validFrom: e.happenedAt,
  }));
}

/** Batches of one to three changes, some overtaken by the next and some delivered again a few batches later. */
export const changeStream = (changes: readonly CustomerChange[], seed: number) =>
  unrulyStream(changes, seed, { maxBatch: 3, maxRedeliveryGap: 4 });

/** True when some customer's newer version arrives before an older one: what a merge that closes "the current row" gets wrong. */
export function hasOlderAfterNewer(stream: readonly (readonly CustomerChange[])[]): boolean {
  const newest = new Map<number, number>();
  for (const change of stream.flat()) {
    if ((newest.get(change.customerId) ?? -1) > change.validFrom) return true;
    newest.set(change.customerId, Math.max(newest.get(change.customerId) ?? -1, change.validFrom));
  }
  return false;
}

function expectedHistory(changes: readonly CustomerChange[]): string[] {
  const sorted = [...changes].sort((a, b) => a.customerId - b.customerId || a.validFrom - b.validFrom);
  return sorted.map((c, i) => {
    const next = sorted[i + 1];
    const validTo = next?.customerId === c.customerId ? String(next.validFrom) : 'null';
    return `${c.customerId}|${c.plan}|${c.validFrom}|${validTo}`;
  });
}

async function tryMerge(run: HiddenRunView, sql: string, streamSeed: number): Promise<Problem> {
  const warehouse = requireDb(run.databases, 'warehouse');
  const changes = await customerChanges(run);
  await select(warehouse, 'DELETE FROM ex.dim_customer; DELETE FROM ex.customer_changes;');
  const stream = changeStream(changes, streamSeed);
  for (const batch of stream) {
    const values = batch.map((c) => `(${sqlInt(c.seq)}, ${sqlInt(c.customerId)}, ${sqlText(c.plan)}, ${sqlInt(c.validFrom)})`).join(', ');
    const result = await warehouse.query(
      transaction([
        'DELETE FROM ex.customer_changes',
        `INSERT INTO ex.customer_changes (seq, customer_id, plan, valid_from) VALUES ${values}`,
        sql,
      ]),
    );
    if (!result.ok) return `On a change stream you have not seen, Postgres refused your statements: ${result.error.message}`;
  }
  const rows = await select(
    warehouse,
    'SELECT customer_id, plan, valid_from, valid_to FROM ex.dim_customer ORDER BY customer_id, valid_from',
  );
  const got = rows.map((r) => key(r, ['customer_id', 'plan', 'valid_from', 'valid_to']));
  const want = expectedHistory(changes);
  const wrong = want.find((w, i) => got[i] !== w) ?? got[want.length];
  if (wrong === undefined && got.length === want.length) return undefined;
  const redelivered = stream.flat().length - changes.length;
  return `On a change stream you have not seen (${changes.length} changes in ${stream.length} batches, ${redelivered} delivered twice${hasOlderAfterNewer(stream) ? ', an older version after a newer one' : ''}), ex.dim_customer has ${got.length} rows where ${want.length} were expected; the first that differs is ${wrong?.replaceAll('|', ' / ') ?? '(missing)'}. Rows are customer / plan / valid_from / valid_to.`;
}

const scd2Merge: ExerciseDefinition = {
  id: 'write-scd2-merge',
  title: 'Write the type 2 merge for a change stream that repeats and arrives out of order',
  answer: {
    kind: 'sql',
    service: 'warehouse',
    placeholder:
      'INSERT INTO ex.dim_customer (customer_id, plan, valid_from) SELECT … FROM ex.customer_changes …;\nUPDATE ex.dim_customer …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '')
      return { passed: false, message: 'Type the statements that merge the rows of ex.customer_changes into ex.dim_customer.' };
    if (!/ex\.customer_changes/i.test(sql) || !/ex\.dim_customer/i.test(sql))
      return { passed: false, message: 'Read the batch from ex.customer_changes and maintain ex.dim_customer.' };
    if (!ctx.replay) return NO_REPLAY;
    const problem = await onHiddenRuns(ctx.replay, (run, streamSeed) => tryMerge(run, sql, streamSeed));
    if (problem) return { passed: false, message: problem };
    return {
      passed: true,
      message:
        'On two change streams you never saw, with batches delivered twice and older versions arriving after newer ones, ex.dim_customer ended as the exact history: every version valid until the next.',
    };
  },
};

// ---- The silver dedup model -------------------------------------------------------------------------------

const DEDUP_COLUMNS = ['seq', 'ticket_id', 'customer_id', 'opened_at'] as const;

async function tryDedup(run: HiddenRunView, sql: string): Promise<Problem> {
  const source = await select(
    requireDb(run.databases, 'ops'),
    "SELECT seq, entity_id AS ticket_id, (payload->>'customer_id')::int AS customer_id, happened_at AS opened_at FROM change_events WHERE entity = 'ticket' ORDER BY seq",
  );
  const warehouse = requireDb(run.databases, 'warehouse');
  const [bronze] = await select(warehouse, "SELECT count(*)::int AS n FROM bronze.change_events WHERE entity = 'ticket'");
  const result = await warehouse.query(`SELECT ${DEDUP_COLUMNS.join(', ')} FROM (${asSubquery(sql)}) model ORDER BY seq, ticket_id`);
  if (!result.ok) return `On a run you have not seen, Postgres refused your query: ${result.error.message}`;
  const set = result.results.at(-1);
  const rows = (set?.rows ?? []).map((r) => Object.fromEntries((set?.fields ?? []).map((f, i) => [f.name, r[i] ?? null])));
  const want = source.map((r) => key(r, DEDUP_COLUMNS));
  const got = rows.map((r) => key(r, DEDUP_COLUMNS));
  const about = `On a run you have not seen, bronze held ${Number(bronze?.['n'])} ticket rows for ${want.length} ticket events`;
  if (got.length !== want.length) return `${about}; your model returned ${got.length} rows.`;
  const wrong = want.findIndex((w, i) => got[i] !== w);
  if (wrong >= 0)
    return `${about}; row ${wrong + 1} should be ${want[wrong]?.replaceAll('|', ' / ') ?? ''} (seq / ticket_id / customer_id / opened_at) and is ${got[wrong]?.replaceAll('|', ' / ') ?? ''}.`;
  return undefined;
}

const silverDedup: ExerciseDefinition = {
  id: 'write-silver-dedup',
  title: 'Write the silver model that keeps each ticket event once',
  answer: {
    kind: 'sql',
    service: 'warehouse',
    placeholder: 'SELECT … seq, entity_id AS ticket_id, … AS customer_id, happened_at AS opened_at FROM bronze.change_events WHERE …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a SELECT over bronze.change_events.' };
    if (!/bronze\.change_events/i.test(sql)) return { passed: false, message: 'Read the events from bronze.change_events.' };
    if (!ctx.replay) return NO_REPLAY;
    const problem = await onHiddenRuns(ctx.replay, (run) => tryDedup(run, sql));
    if (problem) return { passed: false, message: problem };
    return {
      passed: true,
      message:
        'On two runs you never saw, with every batch delivered twice and some events late, your model returned each ticket event exactly once, with its customer and opening time.',
    };
  },
};

// ---- A data-quality test ----------------------------------------------------------------------------------

async function tryQualityTest(run: HiddenRunView, sql: string): Promise<Problem> {
  const warehouse = requireDb(run.databases, 'warehouse');
  const [counts] = await select(warehouse, 'SELECT count(*)::int AS n FROM silver.ticket_candidates');
  // The class the lab's two tests let through: a ticket stamped later than the moment it was recorded.
  const want = (await select(warehouse, 'SELECT seq FROM silver.ticket_candidates WHERE opened_at > recorded_at ORDER BY seq')).map((r) =>
    Number(r['seq']),
  );
  const result = await warehouse.query(`SELECT DISTINCT seq FROM (${asSubquery(sql)}) failing ORDER BY seq`);
  if (!result.ok) return `On a run you have not seen, Postgres refused your test: ${result.error.message}`;
  const got = (result.results.at(-1)?.rows ?? []).map((r) => Number(r[0]));
  const missed = want.filter((s) => !got.includes(s));
  const flagged = got.filter((s) => !want.includes(s));
  const about = `On a run you have not seen (${Number(counts?.['n'])} candidate tickets, ${want.length} of them bad in the way this exercise is about)`;
  if (missed.length > 0) return `${about}, your test missed event${missed.length === 1 ? '' : 's'} ${missed.join(', ')}.`;
  if (flagged.length > 0)
    return `${about}, your test also failed good rows: event${flagged.length === 1 ? '' : 's'} ${flagged.slice(0, 5).join(', ')}.`;
  return undefined;
}

const qualityTest: ExerciseDefinition = {
  id: 'write-quality-test',
  title: 'Write the data-quality test that catches the bad rows the lab’s tests let through',
  answer: { kind: 'sql', service: 'warehouse', placeholder: 'SELECT seq, ticket_id FROM silver.ticket_candidates WHERE …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a query over silver.ticket_candidates that returns the failing rows.' };
    if (!/silver\.ticket_candidates/i.test(sql)) return { passed: false, message: 'Test the rows of silver.ticket_candidates.' };
    if (!ctx.replay) return NO_REPLAY;
    const problem = await onHiddenRuns(ctx.replay, (run) => tryQualityTest(run, sql));
    if (problem) return { passed: false, message: problem };
    return {
      passed: true,
      message:
        'On two runs you never saw, your test failed exactly the tickets stamped by a clock that runs ahead, and no good row, late ones included.',
    };
  },
};

// ---- Type 2 gives the right answer ------------------------------------------------------------------------

const type2Right: ExerciseDefinition = {
  id: 'type2-equals-truth',
  title: 'Get “tickets by plan” right after a mid-month plan change, with late events',
  async check(ctx) {
    const warehouse = requireDb(ctx.databases, 'warehouse');
    const [last] = await select(warehouse, 'SELECT run, failed FROM meta.runs ORDER BY run DESC LIMIT 1');
    if (!last) return { passed: false, message: 'No model run yet: press Run the month and play until the lab is quiet.' };
    const [late] = await select(warehouse, 'SELECT count(*)::int AS n FROM bronze.change_events WHERE loaded_at - recorded_at >= 100');
    if (Number(late?.['n']) === 0)
      return { passed: false, message: 'No event has reached bronze late yet: run the month with Late, out-of-order events on.' };
    const report = await select(warehouse, 'SELECT plan, type1, type2 FROM gold.tickets_by_plan');
    const type1 = planCountsOf(report, 'type1');
    const type2 = planCountsOf(report, 'type2');
    const truth = planCountsOf(await select(requireDb(ctx.databases, 'ops'), truthSql(Number.MAX_SAFE_INTEGER)), 'tickets');
    if (showCounts(type2) !== showCounts(truth))
      return {
        passed: false,
        message: `Type 2 says ${showCounts(type2)}, the ticket service ${showCounts(truth)}. Some events have not been through a model run yet, or the last run was out of order: let the last scheduled run happen, with the models in dependency order.`,
      };
    if (showCounts(type1) === showCounts(truth))
      return { passed: false, message: 'Type 1 agrees with the truth too: no customer with tickets has changed plan yet.' };
    return {
      passed: true,
      message: `Type 2 equals the ticket service: ${showCounts(truth)}. Type 1, which knows only today’s plan, says ${showCounts(type1)}.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [type2Right, silverDedup, qualityTest, scd2Merge];
