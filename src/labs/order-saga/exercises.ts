/** The chapter's exercises, each checked against the lab's real databases. */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database, QueryResult } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { DeadLetter } from '../kit/broker-protocol.ts';
import { PENDING_DEAD_LETTERS_SQL } from '../kit/broker-schema.ts';
import { gatherFacts, stateOf } from './facts.ts';

const chargeTwice: ExerciseDefinition = {
  id: 'charge-twice',
  title: 'Charge a customer twice',
  async check(ctx) {
    const doubled = await select(
      requireDb(ctx.databases, 'payments'),
      "SELECT order_id, count(*)::int AS charges FROM payments WHERE kind = 'charge' GROUP BY order_id HAVING count(*) > 1 ORDER BY order_id",
    );
    const first = doubled[0];
    if (!first) {
      return {
        passed: false,
        message:
          'Payments has charged every order at most once. Switch off the idempotency keys, then make a charge request arrive twice: duplicate delivery does it, and so does a card network slower than the broker’s patience.',
      };
    }
    return {
      passed: true,
      message: `Payments charged ${String(first['order_id'])} ${Number(first['charges'])} times. Nothing in the ledger refuses a second row: the idempotency key was the only guard.`,
    };
  },
};

/** Orders whose refund waits in the dead-letter topic: Payments parks nothing else. */
async function parkedRefunds(ctx: { readonly databases: ReadonlyMap<string, Database> }): Promise<string[]> {
  const parked = await select(requireDb(ctx.databases, 'broker'), PENDING_DEAD_LETTERS_SQL);
  return parked.filter((r) => (JSON.parse(String(r['payload'])) as DeadLetter).consumer === 'payments').map((r) => String(r['key']));
}

const parkARefund: ExerciseDefinition = {
  id: 'park-a-refund',
  title: 'Leave a refund in the dead-letter topic',
  async check(ctx) {
    const orders = await parkedRefunds(ctx);
    if (orders.length === 0) {
      return {
        passed: false,
        message:
          'No refund waits in the dead-letter topic. A refund only runs when a step after the charge fails, and it only gets parked when it keeps failing.',
      };
    }
    const facts = (await gatherFacts(ctx.databases)).filter((f) => orders.includes(f.id));
    const halted = facts.filter((f) => f.held > 0 && f.status !== 'cancelled');
    if (halted.length === 0) {
      return {
        passed: false,
        message: `A refund for ${orders.join(', ')} is parked, but no such order still holds its stock. Start again with a fresh order.`,
      };
    }
    const order = halted[0];
    return {
      passed: true,
      message: `The refund for ${order?.id ?? ''} is parked, and its stock is still held and the order not cancelled: the saga stopped undoing at the newest step it could not undo.`,
    };
  },
};

const redriveIt: ExerciseDefinition = {
  id: 'redrive-it',
  title: 'Finish the parked saga',
  async check(ctx) {
    const redriven = await select(requireDb(ctx.databases, 'broker'), 'SELECT consumer, topic FROM broker_redriven');
    if (redriven.length === 0) return { passed: false, message: 'Nothing has been redriven from the dead-letter topic yet.' };
    if ((await parkedRefunds(ctx)).length > 0) {
      return {
        passed: false,
        message: 'A refund is still parked. Was the provider still failing when you redrove it? Redrive again once it works.',
      };
    }
    const open = (await gatherFacts(ctx.databases)).filter((f) => stateOf(f) === 'unfinished').map((f) => f.id);
    if (open.length > 0)
      return { passed: false, message: `Not yet: ${open.join(', ')} still unfinished. Let the lab run until it is quiet.` };
    return {
      passed: true,
      message: 'Every saga is completed or compensated again. The refund ran once it was redriven, and the release and cancel followed it.',
    };
  },
};

/**
 * Two hidden runs: a batch of orchestrated orders, and the orchestrator crashing for good at a point the
 * reader never sees. Some sagas end before the crash (completed or compensated), the rest are left half way.
 */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  { seed: 0x5a6a01, crashAfter: 550 },
  { seed: 0x5a6a02, crashAfter: 620 },
].map(({ seed, crashAfter }) => ({
  seed,
  inputs: [
    { step: 0, input: { kind: 'action', actionId: 'batch-orchestrated' } },
    { step: crashAfter, input: { kind: 'fault', faultId: 'orchestrator-crash-after-log', on: true } },
  ],
}));

/** The truth, worked out here from the log: sagas with no 'completed' or 'compensated' entry. */
async function halfFinished(db: Database): Promise<string[]> {
  const log = await select(db, 'SELECT saga_id, event FROM saga_log ORDER BY seq');
  const ended = new Set(log.filter((r) => r['event'] === 'completed' || r['event'] === 'compensated').map((r) => String(r['saga_id'])));
  return [...new Set(log.map((r) => String(r['saga_id'])))].filter((id) => !ended.has(id)).sort();
}

async function compare(run: HiddenRunView, sql: string): Promise<string | undefined> {
  const db = requireDb(run.databases, 'orchestrator');
  const result = await db.query(sql);
  if (!result.ok) return `On another run your query failed: ${result.error.message}`;
  const got = [...new Set((result.results.at(-1)?.rows ?? []).map((row) => String(row[0])))].sort();
  const want = await halfFinished(db);
  const missing = want.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !want.includes(id));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts = [];
  if (missing.length > 0) parts.push(`missed ${missing.length} half-finished saga${missing.length === 1 ? '' : 's'}`);
  if (extra.length > 0) parts.push(`listed ${extra.length} that had ended`);
  return `On a run you have not seen, your query ${parts.join(' and ')}.`;
}

const findHalfFinished: ExerciseDefinition = {
  id: 'find-half-finished',
  title: 'Find every half-finished saga from the orchestrator’s log',
  answer: { kind: 'sql', service: 'orchestrator', placeholder: 'SELECT saga_id FROM saga_log …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '')
      return { passed: false, message: 'Type a query to run on the orchestrator’s database. Its first column must be the saga id.' };
    const own = await ctx.run('orchestrator', sql);
    if (!own.ok) return { passed: false, message: `SQLite answered: ${own.error.message}` };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => compare(run, sql));
      if (problem) return { passed: false, message: `${problem} Ask the log itself rather than this run.` };
    }
    return {
      passed: true,
      message:
        'Your query found exactly the open sagas on two runs you never saw. That is the list a restarted orchestrator works through.',
    };
  },
};

/** Pairs of reservations on one item: one later released, the other made while the first was still held. */
const OVERLAPPING_RESERVATIONS = `SELECT x.order_id AS undone, x.sku, x.qty, x.reserved_at, x.released_at, y.order_id AS other, y.reserved_at AS other_at
FROM reservations x
JOIN reservations y ON y.sku = x.sku AND y.order_id <> x.order_id AND y.reserved_at > x.reserved_at AND y.reserved_at < x.released_at
WHERE x.status = 'released'
ORDER BY x.id, y.id`;

const ms = (n: unknown) => `${Number(n).toLocaleString('en')} ms`;

/**
 * The saga's answer to the bank lab's refused transfer: while one order held stock it would later give
 * back, another order took stock from the very same row and went through. Nothing was locked beyond one
 * local transaction, so nothing had to wait or be refused.
 */
const passTheHeldRow: ExerciseDefinition = {
  id: 'pass-the-held-row',
  title: 'Let a second order through while the first is being undone',
  async check(ctx) {
    const pairs = await select(requireDb(ctx.databases, 'inventory'), OVERLAPPING_RESERVATIONS);
    if (pairs.length === 0) {
      return {
        passed: false,
        message:
          'Inventory has no reservation that was released after another order reserved the same item meanwhile. You need one order that is later undone and a second one placed before that undo.',
      };
    }
    const status = new Map(
      (await select(requireDb(ctx.databases, 'orders'), 'SELECT id, status FROM orders')).map((r) => [
        String(r['id']),
        String(r['status']),
      ]),
    );
    const pair = pairs.find((p) => status.get(String(p['undone'])) === 'cancelled' && status.get(String(p['other'])) === 'completed');
    if (!pair) {
      const first = pairs[0];
      return {
        passed: false,
        message: `${String(first?.['other'])} reserved stock while ${String(first?.['undone'])} still held its own, but the first has to end cancelled and the second completed. Let the lab run until it is quiet, or try again.`,
      };
    }
    return {
      passed: true,
      message: `${String(pair['undone'])} held ${Number(pair['qty'])} ${String(pair['sku'])}s from ${ms(pair['reserved_at'])} until the release at ${ms(pair['released_at'])}; at ${ms(pair['other_at'])} ${String(pair['other'])} reserved from the same row and completed. Nothing waited for the saga that was being undone.`,
    };
  },
};

/** Two batches the reader never sees: orders that are charged and then refunded leave both rows behind. */
const REVENUE_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  { seed: 0x7e1101, inputs: [{ step: 0, input: { kind: 'action', actionId: 'batch-orchestrated' } }] },
  { seed: 0x7e1102, inputs: [{ step: 0, input: { kind: 'action', actionId: 'batch-choreographed' } }] },
];

/** The first column of the first row, as a number, or undefined when it is not one. */
function firstNumber(result: QueryResult): number | undefined {
  if (!result.ok) return undefined;
  const cell = result.results.at(-1)?.rows[0]?.[0];
  const value = cell === null || cell === undefined ? NaN : Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

async function compareRevenue(run: HiddenRunView, sql: string): Promise<string | undefined> {
  const [truth] = await select(
    requireDb(run.databases, 'orders'),
    "SELECT coalesce(sum(amount), 0)::int AS kept FROM orders WHERE status = 'completed'",
  );
  const kept = Number(truth?.['kept'] ?? 0);
  const result = await requireDb(run.databases, 'payments').query(sql);
  if (!result.ok) return `On another run your query failed: ${result.error.message}`;
  const reported = firstNumber(result);
  if (reported === undefined) return 'On another run your query did not return a number in its first column.';
  if (reported === kept) return undefined;
  return `On a run you have not seen, your report says ${reported}, but the completed orders there brought in ${kept}.`;
}

const reportWhatWasKept: ExerciseDefinition = {
  id: 'report-what-was-kept',
  title: 'Report the money the shop kept',
  answer: { kind: 'sql', service: 'payments', placeholder: 'SELECT sum(…) FROM payments …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a query to run on Payments. Its first column must be the amount.' };
    const own = await ctx.run('payments', sql);
    if (!own.ok) return { passed: false, message: `Postgres answered: ${own.error.message}` };
    if (firstNumber(own) === undefined) return { passed: false, message: 'The first column of the first row must be a number.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of REVENUE_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => compareRevenue(run, sql));
      if (problem) return { passed: false, message: `${problem} A refund is a row of its own; nothing was rolled back.` };
    }
    return {
      passed: true,
      message:
        'Your report matched the completed orders on two batches you never saw. Every compensated charge is still in the ledger, next to the refund that undid it.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [
  chargeTwice,
  parkARefund,
  redriveIt,
  findHalfFinished,
  passTheHeldRow,
  reportWhatWasKept,
];
