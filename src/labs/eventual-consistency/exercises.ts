/** The chapter's exercises, checked against the lab's real databases (and, for one, on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { countRows, type CountRow } from './invariants.ts';
import { pattern } from './patterns.ts';

const wrongCounts = (rows: readonly CountRow[]) => rows.filter((r) => r.stored !== r.open);
const list = (rows: readonly CountRow[]) => rows.map((r) => `${r.customer} shows ${r.stored} with ${r.open} open`).join(', ');

const catchTheLag: ExerciseDefinition = {
  id: 'catch-the-lag',
  title: 'Catch pattern 1 showing a wrong count',
  async check(ctx) {
    const wrong = wrongCounts(await countRows(ctx.databases, pattern('sync')));
    if (wrong.length === 0)
      return {
        passed: false,
        message:
          'Every count in customers.customers matches tickets.tickets right now. Open a ticket and check before the next sync run, or make the runs rarer first.',
      };
    return { passed: true, message: `Caught it: ${list(wrong)}. Nothing is broken; the next sync run will overwrite these counts.` };
  },
};

const refuseATicket: ExerciseDefinition = {
  id: 'refuse-a-ticket',
  title: 'Make pattern 2 refuse a ticket, then let its count settle',
  async check(ctx) {
    const tickets = requireDb(ctx.databases, 'rq-tickets');
    const [refused] = await select(tickets, "SELECT count(*)::int AS n FROM tickets WHERE status = 'refused'");
    if (Number(refused?.['n']) === 0)
      return {
        passed: false,
        message: 'No ticket in rq-tickets is refused yet. The orchestrator refuses only when three calls in a row go unanswered.',
      };
    const [waiting] = await select(tickets, "SELECT count(*)::int AS n FROM customer_calls WHERE state = 'waiting'");
    if (Number(waiting?.['n']) > 0 || ctx.crashed.has('rq-customers'))
      return {
        passed: false,
        message: `A ticket was refused, and ${String(waiting?.['n'])} call(s) are still owed to the Customer service. Bring it back and let the retries land.`,
      };
    const wrong = wrongCounts(await countRows(ctx.databases, pattern('request')));
    if (wrong.length > 0) return { passed: false, message: `Every call was answered, yet ${list(wrong)}.` };
    return {
      passed: true,
      message: `${String(refused?.['n'])} ticket(s) refused, and no count includes them: the compensating calls were answered.`,
    };
  },
};

const countedOnce: ExerciseDefinition = {
  id: 'counted-once',
  title: 'Get the broker to store a ticket event twice, and see it counted once',
  async check(ctx) {
    const twice = await select(
      requireDb(ctx.databases, 'broker'),
      "SELECT key, type, count(*) AS copies FROM broker_log WHERE topic = 'tickets' GROUP BY key, type HAVING count(*) > 1 ORDER BY key",
    );
    if (twice.length === 0) return { passed: false, message: 'The tickets topic holds no event twice yet.' };
    const wrong = wrongCounts(await countRows(ctx.databases, pattern('events')));
    if (wrong.length > 0 || ctx.crashed.has('ev-customers'))
      return {
        passed: false,
        message: `The topic holds copies, but the counts do not agree yet: ${list(wrong) || 'the Customer service is down'}.`,
      };
    const first = twice[0];
    return {
      passed: true,
      message: `The topic holds ${twice.length} event(s) twice (${String(first?.['type'])} for ${String(first?.['key'])}, for one), and every count still equals the open tickets: processed_keys turned the copies away.`,
    };
  },
};

/**
 * Two runs the reader never sees: the workload, then changes made behind the sync job's back once it has
 * gone to sleep, so counts are wrong in ways the reader's own run does not show (one customer with no open
 * ticket left at all).
 */
const tamper = (sql: string): RecordedInput => ({ step: 100_000, input: { kind: 'sql', service: 'sync-shared', sql } });
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0xec01,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'run-workload' } },
      tamper(
        "INSERT INTO tickets.tickets (id, customer_id, status, opened_at) VALUES ('X-1', 'ben', 'open', 0), ('X-2', 'ben', 'open', 0)",
      ),
    ],
  },
  {
    seed: 0xec02,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'run-workload' } },
      tamper("UPDATE tickets.tickets SET status = 'closed' WHERE customer_id = 'chen'"),
      tamper("UPDATE customers.customers SET open_tickets = open_tickets + 3 WHERE id = 'ada'"),
    ],
  },
];

async function compare(run: HiddenRunView, sql: string): Promise<string | undefined> {
  const result = await requireDb(run.databases, 'sync-shared').query(sql);
  if (!result.ok) return `On another run your query failed: ${result.error.message}`;
  const got = new Map((result.results.at(-1)?.rows ?? []).map((row) => [String(row[0]), Number(row[1])]));
  const want = wrongCounts(await countRows(run.databases, pattern('sync')));
  const missing = want.filter((w) => !got.has(w.customer));
  const wrongValue = want.filter((w) => got.has(w.customer) && got.get(w.customer) !== w.open);
  const extra = [...got.keys()].filter((c) => !want.some((w) => w.customer === c));
  const parts = [];
  if (missing.length > 0) parts.push(`missed ${missing.map((m) => m.customer).join(', ')}`);
  if (wrongValue.length > 0) parts.push(`gave the wrong count for ${wrongValue.map((m) => m.customer).join(', ')}`);
  if (extra.length > 0) parts.push(`listed ${extra.join(', ')}, whose count was right`);
  return parts.length === 0 ? undefined : `On a run you have not seen, your query ${parts.join(' and ')}.`;
}

const writeTheSync: ExerciseDefinition = {
  id: 'write-the-sync',
  title: 'Write the sync job’s query: which counts are wrong, and what should they be?',
  answer: { kind: 'sql', service: 'sync-shared', placeholder: 'SELECT c.id, … FROM customers.customers c …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '')
      return { passed: false, message: 'Type a query for the pattern 1 database: first column the customer id, second the right count.' };
    const own = await ctx.run('sync-shared', sql);
    if (!own.ok) return { passed: false, message: `Postgres answered: ${own.error.message}` };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => compare(run, sql));
      if (problem) return { passed: false, message: `${problem} Ask the two schemas, not this run.` };
    }
    return {
      passed: true,
      message:
        'On two runs you never saw, your query found exactly the wrong counts and the right values: that is a whole sync run in one query.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchTheLag, refuseATicket, countedOnce, writeTheSync];
