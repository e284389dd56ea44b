/** The chapter's exercises, each checked against the lab's real databases. */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { DeadLetter } from '../sim/broker-protocol.ts';
import { PENDING_DEAD_LETTERS_SQL } from '../sim/broker-schema.ts';
import { gatherFacts, stateOf } from './facts.ts';
import { FAULT } from './faults.ts';

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
    { step: crashAfter, input: { kind: 'fault', faultId: FAULT.orchestratorCrashAfterLog, on: true } },
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

export const exercises: readonly ExerciseDefinition[] = [chargeTwice, parkARefund, redriveIt, findHalfFinished];
