/** The chapter's exercises, checked against the lab's real databases (the RPO budget on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { ordersTableExists, orphanPayments, receiptsWithoutPayment } from './audit.ts';
import { clock } from './settings.ts';

const one = async (db: Database, sql: string) => (await select(db, sql))[0];

const undoBadUpdate: ExerciseDefinition = {
  id: 'undo-bad-update',
  title: 'Undo an UPDATE without a WHERE',
  async check(ctx) {
    const orders = requireDb(ctx.databases, 'orders');
    const incident = await one(orders, "SELECT at FROM incidents WHERE what = 'bad-update' ORDER BY id DESC LIMIT 1");
    if (!incident)
      return { passed: false, message: 'No bad UPDATE yet: open the shop, let it trade a while, then press “Bad UPDATE without WHERE”.' };
    const restore = await one(
      orders,
      `SELECT id, mode, rows_loaded, changes_replayed FROM restore_runs WHERE at >= ${Number(incident['at'])} ORDER BY id DESC LIMIT 1`,
    );
    if (!restore)
      return { passed: false, message: `The bad UPDATE came at ${clock(Number(incident['at']))}; orders has not been restored since.` };
    if (!(await ordersTableExists(ctx.databases))) return { passed: false, message: 'The orders table is gone.' };
    const zero = await one(orders, 'SELECT count(*) AS n FROM orders WHERE total_cents = 0');
    if (Number(zero?.['n']) > 0)
      return { passed: false, message: `${String(zero?.['n'])} orders still have a total of 0: restore from a point before the damage.` };
    return {
      passed: true,
      message: `Restore ${String(restore['id'])} (${String(restore['mode'])}) loaded ${String(restore['rows_loaded'])} rows and replayed ${String(restore['changes_replayed'])} log entries: no order has a zero total any more.`,
    };
  },
};

const drillFindsIt: ExerciseDefinition = {
  id: 'drill-finds-silent-failure',
  title: 'Let a restore drill find the dump that failed silently',
  async check(ctx) {
    const vault = requireDb(ctx.databases, 'vault');
    const failed = await one(vault, "SELECT dump_id, expected, restored FROM drills WHERE result = 'FAILED' ORDER BY id DESC LIMIT 1");
    if (failed)
      return {
        passed: true,
        message: `The drill restored dump ${String(failed['dump_id'])} into a scratch schema: ${String(failed['restored'])} rows where the change log says ${String(failed['expected'])} orders existed. The job had called that dump a success.`,
      };
    const drills = await one(vault, 'SELECT count(*) AS n FROM drills');
    return {
      passed: false,
      message:
        Number(drills?.['n']) > 0
          ? 'Every drill so far restored what it expected: was the silent failure on when the last dump was taken?'
          : 'No restore drill has run yet.',
    };
  },
};

const repairOrphans: ExerciseDefinition = {
  id: 'repair-the-orphans',
  title: 'Bring payments and orders back into agreement without losing money',
  async check(ctx) {
    const orders = requireDb(ctx.databases, 'orders');
    const restore = await one(orders, 'SELECT id FROM restore_runs ORDER BY id DESC LIMIT 1');
    if (!restore) return { passed: false, message: 'Orders has not been restored: there is nothing to repair yet.' };
    const lost = await receiptsWithoutPayment(ctx.databases);
    if (lost.length > 0)
      return {
        passed: false,
        message: `${lost.length} charges the provider took have no payment any more (${lost.slice(0, 4).join(', ')}): the repair deleted money’s record.`,
      };
    const orphans = await orphanPayments(ctx.databases);
    if (orphans.length > 0)
      return {
        passed: false,
        message: `${orphans.length} payments still name orders that do not exist: ${orphans.slice(0, 6).join(', ')}.`,
      };
    const recovered = await one(
      orders,
      "SELECT count(*) FILTER (WHERE recovered_from = 'payments') AS partial, count(*) AS total FROM orders",
    );
    return {
      passed: true,
      message: `Every payment has its order and every receipt its payment. Orders holds ${String(recovered?.['total'])} orders, ${String(recovered?.['partial'])} of them rebuilt from payments without an address.`,
    };
  },
};

/** Where the hidden runs damage orders (steps into the day), and their seeds: the reader never sees either. */
const HIDDEN = [
  { seed: 0x0b4c1, step: 420 },
  { seed: 0x0b4c2, step: 655 },
  { seed: 0x0b4c3, step: 880 },
] as const;
export const RPO_BUDGET_MS = 60_000;

const action = (step: number, actionId: string): RecordedInput => ({ step, input: { kind: 'action', actionId } });

export function hiddenInputs(dumpEveryMin: number, shipEveryS: number, damageStep: number): RecordedInput[] {
  return [
    action(0, `dump-every-${dumpEveryMin}`),
    action(0, `ship-every-${shipEveryS}`),
    action(0, 'open-shop'),
    action(damageStep, 'bad-update'),
    action(damageStep, 'restore-pitr'),
    // The rest of the day changes nothing the check reads: closing early lets the run come to rest sooner.
    action(damageStep, 'close-shop'),
  ];
}

/** Committed orders the restore lost, from the hidden run's own databases: the change log against the table. */
export async function hiddenLoss(run: HiddenRunView): Promise<{ lost: number; windowMs: number; cost: number; at: number }> {
  const orders = requireDb(run.databases, 'orders');
  const incident = await one(orders, 'SELECT at, last_good_seq FROM incidents ORDER BY id DESC LIMIT 1');
  const at = Number(incident?.['at'] ?? 0);
  const lost = await select(
    orders,
    `SELECT c.order_id, c.at FROM change_log c WHERE c.op = 'INSERT' AND c.seq <= ${Number(incident?.['last_good_seq'] ?? 0)}
AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = c.order_id AND o.total_cents = (c.row_data->>'total_cents')::int)`,
  );
  const vault = requireDb(run.databases, 'vault');
  const cost = await one(
    vault,
    'SELECT (SELECT coalesce(sum(bytes), 0) FROM dumps) + (SELECT coalesce(sum(length(row_data) + 40), 0) FROM shipped_log) AS bytes',
  );
  return {
    lost: lost.length,
    windowMs: lost.length === 0 ? 0 : at - Math.min(...lost.map((l) => Number(l['at']))),
    cost: Number(cost?.['bytes'] ?? 0),
    at,
  };
}

const rpoOneMinute: ExerciseDefinition = {
  id: 'rpo-one-minute',
  title: 'Meet an RPO of one minute at the lowest cost',
  async check(ctx) {
    if (!ctx.replay) return { passed: false, message: 'This check replays days you have not seen, and this page cannot do that.' };
    const config = new Map(
      (await select(requireDb(ctx.databases, 'vault'), 'SELECT key, value FROM config')).map((r) => [String(r['key']), Number(r['value'])]),
    );
    const dumpEvery = config.get('dump_every_min') ?? 10;
    const shipEvery = config.get('ship_every_s') ?? 0;
    const chosen = `dumps every ${dumpEvery} min, ${shipEvery === 0 ? 'no log shipping' : `log shipped every ${shipEvery} s`}`;
    let cost = 0;
    for (const { seed, step } of HIDDEN) {
      const loss = await ctx.replay(seed, hiddenInputs(dumpEvery, shipEvery, step), hiddenLoss);
      if (loss.windowMs > RPO_BUDGET_MS)
        return {
          passed: false,
          message: `With ${chosen}, a damage at ${clock(loss.at)} on a day you have not seen lost ${loss.lost} orders, the oldest placed ${Math.round(loss.windowMs / 1_000)} s before it.`,
        };
      cost = Math.max(cost, loss.cost);
    }
    const first = HIDDEN[0];
    const reference = await ctx.replay(first.seed, hiddenInputs(1, 0, first.step), hiddenLoss);
    if (cost >= reference.cost)
      return {
        passed: false,
        message: `With ${chosen}, no hidden day lost more than a minute, but the vault took ${cost.toLocaleString('en')} bytes; a full dump every minute takes ${reference.cost.toLocaleString('en')}. Something cheaper meets the same budget.`,
      };
    return {
      passed: true,
      message: `With ${chosen}, ${HIDDEN.length} days you have not seen lost no order older than a minute, for at most ${cost.toLocaleString('en')} bytes in the vault (a full dump every minute: ${reference.cost.toLocaleString('en')}).`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [undoBadUpdate, drillFindsIt, repairOrphans, rpoOneMinute];
