/** The chapter's exercises, checked against the lab's real databases (and, for the upsert, on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { transaction } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { eventOf, eventsSql } from './orders.ts';
import { stageSql } from './projection.ts';
import { YOU } from './settings.ts';
import { unrulyStream } from './unruly-stream.ts';

const catchTheLag: ExerciseDefinition = {
  id: 'catch-the-lag',
  title: 'Catch the read model without your order',
  async check(ctx) {
    const write = await select(
      requireDb(ctx.databases, 'orders'),
      `SELECT id, status, version FROM orders WHERE customer_id = '${YOU}' ORDER BY id`,
    );
    const read = new Map(
      (await select(requireDb(ctx.databases, 'read-model'), `SELECT order_id, version FROM my_orders WHERE customer_id = '${YOU}'`)).map(
        (r) => [String(r['order_id']), Number(r['version'])],
      ),
    );
    if (write.length === 0) return { passed: false, message: 'You have not placed an order yet.' };
    const behind = write.filter((w) => (read.get(String(w['id'])) ?? 0) < Number(w['version']));
    if (behind.length === 0)
      return {
        passed: false,
        message: `All ${write.length} of your orders are in my_orders at their latest version: the projector has caught up. Place another and check before it does.`,
      };
    const first = behind[0];
    const shown = read.get(String(first?.['id']));
    return {
      passed: true,
      message: `Caught it: ${String(first?.['id'])} is ${String(first?.['status'])} v${String(first?.['version'])} on the write side and ${shown === undefined ? 'missing from' : `v${shown} in`} the read model. Nothing is broken; the projector will get there.`,
    };
  },
};

const poisonHealed: ExerciseDefinition = {
  id: 'poison-dead-lettered',
  title: 'Get a poison event dead-lettered, and the read model whole again',
  async check(ctx) {
    const letters = await select(
      requireDb(ctx.databases, 'read-model'),
      'SELECT position, order_id, error FROM dead_letters ORDER BY position',
    );
    if (letters.length === 0) return { passed: false, message: 'dead_letters is empty: no event has been given up on yet.' };
    const [write] = await select(requireDb(ctx.databases, 'orders'), 'SELECT count(*)::int AS n FROM orders');
    const [read] = await select(requireDb(ctx.databases, 'read-model'), 'SELECT count(*) AS n FROM my_orders');
    const first = letters[0];
    if (Number(read?.['n']) < Number(write?.['n']))
      return {
        passed: false,
        message: `Event ${String(first?.['position'])} for ${String(first?.['order_id'])} is in dead_letters, but the read model holds ${String(read?.['n'])} of ${String(write?.['n'])} orders. Switch the fault off and let the projector finish.`,
      };
    return {
      passed: true,
      message: `Event ${String(first?.['position'])} (${String(first?.['order_id'])}) was refused with “${String(first?.['error'])}” and set aside, and every order is in the read model: the next event for that order carried the whole row again.`,
    };
  },
};

/** Runs the reader never sees: the same lab with other seeds and other orders. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  { seed: 0xc0a1, inputs: [{ step: 0, input: { kind: 'action', actionId: 'run-workload' } }] },
  {
    seed: 0xc0a2,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'place-declined' } },
      { step: 0, input: { kind: 'action', actionId: 'rush' } },
      { step: 40, input: { kind: 'action', actionId: 'place' } },
    ],
  },
];

async function truth(db: Database) {
  return select(
    db,
    'SELECT o.id AS order_id, o.status, o.version, (SELECT sum(l.qty * l.price_cents) FROM order_lines l WHERE l.order_id = o.id)::int AS total_cents FROM orders o ORDER BY o.id',
  );
}

/**
 * Feeds the hidden run's own outbox to the reader's statement through `incoming`, batch by batch, with
 * duplicates and late batches, then compares the read model with the write side.
 */
async function tryUpsert(run: HiddenRunView, sql: string, seed: number): Promise<string | undefined> {
  const orders = requireDb(run.databases, 'orders');
  const readModel = requireDb(run.databases, 'read-model');
  const events = (await select(orders, eventsSql(0, 10_000))).map(eventOf);
  await select(readModel, 'DELETE FROM my_orders; DELETE FROM row_history;');
  for (const batch of unrulyStream(events, seed)) {
    const result = await readModel.query(transaction([...stageSql(batch), sql]));
    if (!result.ok) return `On a run you have not seen, SQLite refused your statement: ${result.error.message}`;
  }
  const backwards = await select(
    readModel,
    'SELECT order_id, old_version, new_version FROM row_history WHERE new_version <= old_version LIMIT 1',
  );
  const read = new Map(
    (await select(readModel, 'SELECT order_id, status, version, total_cents FROM my_orders')).map((r) => [String(r['order_id']), r]),
  );
  const wrong = (await truth(orders)).filter((w) => {
    const r = read.get(String(w['order_id']));
    return (
      !r ||
      r['status'] !== w['status'] ||
      Number(r['version']) !== Number(w['version']) ||
      Number(r['total_cents']) !== Number(w['total_cents'])
    );
  });
  const parts = [];
  if (backwards[0])
    parts.push(
      `wrote ${String(backwards[0]['order_id'])} from v${String(backwards[0]['old_version'])} to v${String(backwards[0]['new_version'])}`,
    );
  if (wrong.length > 0)
    parts.push(
      `left ${wrong.length} of ${events.length > 0 ? read.size : 0} rows unlike the write side (${String(wrong[0]?.['order_id'])}, for one)`,
    );
  return parts.length === 0
    ? undefined
    : `On a run you have not seen, with batches repeated and overtaken, your statement ${parts.join(' and ')}.`;
}

const writeTheUpsert: ExerciseDefinition = {
  id: 'write-the-upsert',
  title: 'Write the projection: idempotent, and ordered by version',
  answer: { kind: 'sql', service: 'read-model', placeholder: 'INSERT INTO my_orders (…) SELECT … FROM incoming WHERE true ON CONFLICT …' },
  async check(ctx) {
    const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
    if (sql === '') return { passed: false, message: 'Type one statement that moves the rows of incoming into my_orders.' };
    if (!/\bincoming\b/i.test(sql) || !/\bmy_orders\b/i.test(sql))
      return { passed: false, message: 'Read the batch from incoming and write it into my_orders.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const [i, hidden] of HIDDEN_RUNS.entries()) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => tryUpsert(run, sql, hidden.seed + i));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'On two runs you never saw, with batches delivered twice and out of order, your statement left every row equal to the write side and never moved a version backwards.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchTheLag, poisonHealed, writeTheUpsert];
