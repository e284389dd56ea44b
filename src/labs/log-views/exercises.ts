/** The chapter's exercises, checked against the lab's real databases; the last on runs the reader never saw. */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import { rowsOf, sqlText } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { compareView } from './compare-view.ts';
import { readLog } from './log-rows.ts';
import { WRITER_SCHEMA_SQL } from './log-feed.ts';
import { CUSTOMERS } from './settings.ts';
import { VIEW_DEFINITIONS } from './views.ts';

async function logHead(ctx: { readonly databases: HiddenRunView['databases'] }): Promise<number> {
  const [row] = await select(requireDb(ctx.databases, 'orders'), 'SELECT coalesce(max(position), 0) AS head FROM log');
  return Number(row?.['head'] ?? 0);
}

const rebuildAndProve: ExerciseDefinition = {
  id: 'rebuild-and-prove',
  title: 'Drop the reporting view, rebuild it from position 0, and prove it is the same',
  async check(ctx) {
    const reporting = requireDb(ctx.databases, 'reporting');
    const [rebuild] = await select(
      reporting,
      'SELECT id, live_position, hash_before, hash_after FROM rebuilds WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1',
    );
    if (!rebuild) {
      const [open] = await select(reporting, 'SELECT live_position FROM rebuilds WHERE finished_at IS NULL');
      return {
        passed: false,
        message: open
          ? `A rebuild is replaying up to position ${String(open['live_position'])}: play on until it finishes.`
          : 'No rebuild yet. Put some events in the log first, then drop and rebuild the reporting view.',
      };
    }
    if (Number(rebuild['live_position']) === 0)
      return { passed: false, message: 'That rebuild replayed an empty log. Load some history first, then rebuild again.' };
    if (rebuild['hash_after'] !== rebuild['hash_before'])
      return {
        passed: false,
        message: `The rebuilt view hashes ${String(rebuild['hash_after'])}, not ${String(rebuild['hash_before'])} as before the drop.`,
      };
    const c = await compareView(VIEW_DEFINITIONS.reporting, reporting, await readLog(requireDb(ctx.databases, 'orders')));
    if (c.differences.length > 0) return { passed: false, message: c.differences[0] ?? '' };
    return {
      passed: true,
      message: `Replayed up to position ${String(rebuild['live_position'])}, the view hashes ${String(rebuild['hash_after']).slice(0, 12)}… exactly as before the drop, and it equals the fold of the log up to its checkpoint (${String(c.position)}).`,
    };
  },
};

const addThirdStore: ExerciseDefinition = {
  id: 'add-third-store',
  title: 'Add a third kind of store without touching the writer',
  async check(ctx) {
    const cache = requireDb(ctx.databases, 'cache');
    const c = await compareView(VIEW_DEFINITIONS.cache, cache, await readLog(requireDb(ctx.databases, 'orders')));
    if (c.position === undefined) return { passed: false, message: 'The cache has not started: it has no checkpoint yet.' };
    const head = await logHead(ctx);
    if (head < 100)
      return { passed: false, message: 'The log is nearly empty: load some history so that the new store has a past to catch up on.' };
    if (c.position < head)
      return { passed: false, message: `The cache is at position ${c.position} of ${head}: play on until it has caught up.` };
    if (c.differences.length > 0) return { passed: false, message: c.differences[0] ?? '' };
    const [kv] = await select(cache, 'SELECT count(*) AS n FROM kv');
    const [schema] = await select(requireDb(ctx.databases, 'orders'), WRITER_SCHEMA_SQL);
    return {
      passed: true,
      message: `The cache replayed all ${head.toLocaleString('en')} events from position 0 into ${String(kv?.['n'])} keys, each equal to the fold of the log. The writer's schema still hashes ${String(schema?.['fingerprint']).slice(0, 12)}…; its only news is one row in subscribers.`,
    };
  },
};

/** Where each view could hold an email: a query per view, counting rows that mention any of `emails`. */
const HOLDERS: readonly { readonly view: 'reporting' | 'search' | 'cache'; readonly sql: (emails: string) => string }[] = [
  { view: 'reporting', sql: (e) => `SELECT count(*) AS n FROM orders_per_customer WHERE email IN (${e})` },
  {
    view: 'search',
    sql: (e) =>
      `SELECT (SELECT count(*) FROM people WHERE email IN (${e})) + (SELECT count(*) FROM order_search WHERE email IN (${e})) AS n`,
  },
  { view: 'cache', sql: (e) => `SELECT count(*) AS n FROM kv WHERE json_extract(value, '$.email') IN (${e})` },
];

const forgetAda: ExerciseDefinition = {
  id: 'forget-ada',
  title: 'Make every view forget Ada, and count what the log still holds',
  async check(ctx) {
    const orders = requireDb(ctx.databases, 'orders');
    const [forgot] = await select(orders, "SELECT position FROM log WHERE key = 'ada' AND type = 'customer-forgotten'");
    if (!forgot) return { passed: false, message: 'Ada has not asked to be forgotten yet (and she must have placed an order first).' };
    const { email, newEmail } = CUSTOMERS.ada;
    const emails = [email, newEmail].map(sqlText).join(', ');
    const still: string[] = [];
    for (const h of HOLDERS) {
      const db = requireDb(ctx.databases, h.view);
      const [point] = await select(db, 'SELECT position FROM checkpoint');
      if (point && Number(point['position']) < Number(forgot['position']))
        return {
          passed: false,
          message: `${h.view} is at position ${String(point['position'])}, before Ada's request at ${String(forgot['position'])}: let it catch up.`,
        };
      const [row] = await select(db, h.sql(emails));
      if (Number(row?.['n']) > 0) still.push(`${h.view} (${String(row?.['n'])} rows)`);
    }
    if (still.length > 0) return { passed: false, message: `Ada's email is still in ${still.join(', ')}.` };
    const [inLog] = await select(orders, `SELECT count(*) AS n FROM log WHERE data->>'email' IN (${emails})`);
    return {
      passed: true,
      message: `No view holds Ada's email any more. The log still has it in ${String(inLog?.['n'])} events, and refuses to change them: that is what compaction or crypto-shredding is for.`,
    };
  },
};

/** Runs the reader never sees: orders in both shapes, with poison events among them, on other seeds. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0x1091,
    inputs: [
      { step: 0, input: { kind: 'fault', faultId: 'old-release', on: true } },
      { step: 0, input: { kind: 'action', actionId: 'ben-orders' } },
      { step: 6, input: { kind: 'fault', faultId: 'old-release', on: false } },
      { step: 6, input: { kind: 'fault', faultId: 'poison-order', on: true } },
      { step: 6, input: { kind: 'action', actionId: 'ada-orders' } },
      { step: 12, input: { kind: 'fault', faultId: 'poison-order', on: false } },
      { step: 12, input: { kind: 'action', actionId: 'ben-orders' } },
      { step: 18, input: { kind: 'action', actionId: 'ada-orders' } },
    ],
  },
  {
    seed: 0x1092,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'ben-orders' } },
      { step: 2, input: { kind: 'fault', faultId: 'old-release', on: true } },
      { step: 4, input: { kind: 'action', actionId: 'ben-orders' } },
      { step: 6, input: { kind: 'fault', faultId: 'poison-order', on: true } },
      { step: 8, input: { kind: 'action', actionId: 'ada-orders' } },
      { step: 10, input: { kind: 'action', actionId: 'ben-orders' } },
    ],
  },
];

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

async function compareWithReporting(run: HiddenRunView, sql: string): Promise<string | undefined> {
  const result = await requireDb(run.databases, 'orders').query(sql);
  if (!result.ok) return `On a run you have not seen, Postgres refused your query: ${result.error.message}`;
  const answer = rowsOf(result);
  const missing = ['customer', 'orders', 'total_cents'].filter((c) => answer.length > 0 && !(c in (answer[0] ?? {})));
  if (missing.length > 0) return `Your query must return customer, orders and total_cents; it has no ${missing.join(', ')}.`;
  const mine = new Map(answer.map((r) => [String(r['customer']), r]));
  const reference = await select(
    requireDb(run.databases, 'reporting'),
    'SELECT customer, orders, total_cents FROM orders_per_customer WHERE orders > 0',
  );
  for (const ref of reference) {
    const row = mine.get(String(ref['customer']));
    if (!row)
      return `On a run you have not seen, your query has no row for ${String(ref['customer'])}, who has ${String(ref['orders'])} orders.`;
    for (const c of ['orders', 'total_cents'])
      if (num(row[c]) !== num(ref[c]))
        return `On a run you have not seen, your query says ${c} = ${String(row[c])} for ${String(ref['customer'])}; the reporting view says ${String(ref[c])}.`;
  }
  const extra = answer.filter((r) => num(r['orders']) > 0 && !reference.some((ref) => ref['customer'] === r['customer']));
  if (extra.length > 0) return `Your query has orders for ${String(extra[0]?.['customer'])}, whom the reporting view does not know.`;
  return undefined;
}

const foldAsSql: ExerciseDefinition = {
  id: 'fold-orders-per-customer',
  title: 'Write the reporting view’s fold as one query over the log',
  answer: {
    kind: 'sql',
    service: 'orders',
    placeholder: "SELECT key AS customer, … AS orders, … AS total_cents FROM log WHERE type = 'order-placed' GROUP BY key",
  },
  async check(ctx) {
    const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
    if (sql === '') return { passed: false, message: 'Type one SELECT over log.' };
    if (!/\blog\b/i.test(sql)) return { passed: false, message: 'Read the log table: the view is a function of it and of nothing else.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => compareWithReporting(run, sql));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'On two runs you never saw, with orders in both shapes and poison events among them, your query gave every customer’s orders and total exactly as the reporting view holds them.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [rebuildAndProve, addThirdStore, forgetAda, foldAsSql];
