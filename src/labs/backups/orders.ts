/**
 * The orders service: its own Postgres database, a trigger-written change log, and the jobs that act on it.
 * It takes orders and publishes each to the broker; dumps its table for the vault and hands it the log; is
 * restored from a dump (and, for point-in-time recovery, the shipped log replayed up to just before the
 * damage); and, after a restore, runs the cross-service check and a repair: a reconciliation from payments or a
 * replay of the broker's topic.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { Backup, Backups, ChangeEntry, Damage, OrderRow, PaymentRow, RestoreMode } from './messages.ts';
import ordersTableSql from './orders-table.sql?raw';
import ordersSql from './orders.sql?raw';
import { BAD_UPDATE, clock, DROP_TABLE, transferMs } from './settings.ts';

/** How a restore and a reconciliation behave: the sound ones, or the broken ones the property tests must catch. */
export interface OrdersVariant {
  readonly restore: 'replays-log' | 'skips-log';
  readonly reconcile: 'recreates-orders' | 'voids-payments';
}
export const SOUND: OrdersVariant = { restore: 'replays-log', reconcile: 'recreates-orders' };

interface OrdersState {
  /** The restore point of the last restore, from which a broker replay starts. */
  restoredTo: number | null;
}

type Ctx = LabContext<Backups, 'orders', OrdersState>;

/** Every write carries the virtual time to the change-log trigger. */
const stamp = (ctx: Ctx) => `SELECT set_config('lab.now', ${sqlText(String(ctx.now))}, true)`;

const ATTACH_TRIGGER =
  'CREATE TRIGGER orders_change_log AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION log_order_change()';

const DAMAGE_SQL: Readonly<Record<Damage, string>> = { 'bad-update': BAD_UPDATE, 'drop-table': DROP_TABLE };

async function place(ctx: Ctx, o: OrderRow) {
  const result = await ctx.sql(
    transaction([
      stamp(ctx),
      `INSERT INTO orders (id, customer, address, total_cents, pay, placed_at) VALUES (${sqlText(o.id)}, ${sqlText(o.customer)}, ${sqlText(o.address ?? '')}, ${sqlInt(o.total_cents)}, ${sqlText(o.pay)}, ${sqlInt(o.placed_at)})`,
    ]),
  );
  if (!result.ok) {
    ctx.fact({ kind: 'refused', id: o.id, error: result.error.message });
    return ctx.note(`${o.id} refused: ${result.error.message}`);
  }
  ctx.fact({ kind: 'placed', id: o.id, total: o.total_cents, pay: o.pay });
  ctx.send('broker', { type: 'publish', order: o });
}

async function damage(ctx: Ctx, what: Damage) {
  const [head] = rowsOf(await ctx.sql('SELECT coalesce(max(seq), 0) AS seq FROM change_log'));
  const lastGoodSeq = Number(head?.['seq'] ?? 0);
  await ctx.sql(`INSERT INTO incidents (at, what, last_good_seq) VALUES (${sqlInt(ctx.now)}, ${sqlText(what)}, ${sqlInt(lastGoodSeq)})`);
  const result = await ctx.sql(transaction([stamp(ctx), DAMAGE_SQL[what]]));
  ctx.fact({ kind: 'damaged', damage: what, lastGoodSeq });
  ctx.note(`${DAMAGE_SQL[what]}: ${result.ok ? 'done, and committed' : result.error.message}`);
}

/** One statement, so the rows and the log position come from one snapshot: a consistent dump. */
const DUMP_SQL = `SELECT h.upto, o.line FROM (SELECT coalesce(max(seq), 0) AS upto FROM change_log) h
LEFT JOIN (SELECT id, row_to_json(orders)::text AS line FROM orders) o ON true ORDER BY o.id`;

async function takeDump(ctx: Ctx, dumpId: number) {
  const result = await ctx.sql(DUMP_SQL);
  if (!result.ok) return ctx.send('vault', { type: 'dump-failed', service: 'orders', dumpId, error: result.error.message });
  const rows = rowsOf(result);
  const lines = rows.flatMap((r) => (r['line'] === null ? [] : [String(r['line'])]));
  ctx.send('vault', {
    type: 'dump-taken',
    holds: `orders dump ${dumpId}: ${lines.length} rows`,
    service: 'orders',
    dumpId,
    uptoSeq: Number(rows[0]?.['upto'] ?? 0),
    lines,
  });
}

async function shipLog(ctx: Ctx, after: number) {
  const entries = rowsOf(
    await ctx.sql(
      `SELECT seq, at, op, order_id, row_data::text AS row_data FROM change_log WHERE seq > ${sqlInt(after)} ORDER BY seq LIMIT 500`,
    ),
  ).map((r): ChangeEntry => ({
    seq: Number(r['seq']),
    at: Number(r['at']),
    op: String(r['op']),
    order_id: String(r['order_id']),
    row_data: r['row_data'] === null ? null : String(r['row_data']),
  }));
  ctx.send('vault', { type: 'log-shipped', holds: `${entries.length} change-log entries after ${after}`, entries });
}

async function requestRestore(ctx: Ctx, mode: RestoreMode) {
  const [incident] = rowsOf(await ctx.sql('SELECT last_good_seq FROM incidents ORDER BY id DESC LIMIT 1'));
  ctx.send('vault', { type: 'fetch-backup', mode, beforeSeq: incident ? Number(incident['last_good_seq']) : null });
}

/**
 * The restore itself, on the real table: drop what is there, recreate it, load the dump's rows, replay the
 * shipped log (unless the variant skips it), attach the trigger again. The engine's own time for these
 * statements is written to restore_runs as a parameter, so it never enters the trace.
 */
async function restore(ctx: Ctx, mode: RestoreMode, b: Backup, variant: OrdersVariant) {
  let engineMs = 0;
  const run = async (text: string, params?: readonly unknown[]) => {
    const result = await ctx.sql(text, params);
    engineMs += result.durationMs;
    return result;
  };
  await run(`DROP TABLE IF EXISTS orders CASCADE;\n${ordersTableSql}`);
  const loaded = await run('INSERT INTO orders SELECT * FROM json_populate_recordset(NULL::orders, $1::json)', [`[${b.lines.join(',')}]`]);
  const log = variant.restore === 'replays-log' ? b.log : [];
  const replayed = await run('SELECT replay_changes($1::jsonb) AS n', [JSON.stringify(log)]);
  await run(ATTACH_TRIGGER);
  const bytes = b.lines.reduce((n, l) => n + l.length, 0) + b.log.reduce((n, e) => n + (e.row_data?.length ?? 0) + 40, 0);
  const transfer = transferMs(bytes);
  const logTo = b.log.at(-1)?.seq ?? b.uptoSeq;
  const rows = rowsOf(await ctx.sql('SELECT id, total_cents FROM orders ORDER BY id'));
  await ctx.sql(
    `INSERT INTO restore_runs (at, mode, dump_id, dump_taken_at, dump_upto_seq, log_to_seq, rows_loaded, changes_replayed, bytes, transfer_ms, engine_ms, mark_seq)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, round($11::numeric, 2), (SELECT coalesce(max(seq), 0) FROM change_log))`,
    [
      ctx.now,
      mode,
      b.dumpId,
      b.takenAt,
      b.uptoSeq,
      logTo,
      loaded.ok ? b.lines.length : 0,
      Number(rowsOf(replayed)[0]?.['n'] ?? 0),
      bytes,
      transfer,
      engineMs,
    ],
  );
  const restoredTo = b.log.at(-1)?.at ?? b.takenAt;
  ctx.state.restoredTo = restoredTo;
  ctx.fact({
    kind: 'restored',
    mode,
    dumpTakenAt: b.takenAt,
    replayed: log.length,
    bytes,
    transferMs: transfer,
    rows: rows.map((r) => [String(r['id']), Number(r['total_cents'])] as const),
  });
  ctx.note(
    `restored from dump ${b.dumpId ?? '(none)'} taken at ${clock(b.takenAt)}${log.length > 0 ? ` and ${log.length} log entries up to ${clock(restoredTo)}` : ''}: ${rows.length} orders; transfer modelled at ${transfer} ms`,
  );
}

/** Loads a dump into a scratch schema and counts it against the change log: a restore drill. */
async function drill(ctx: Ctx, dumpId: number, uptoSeq: number, lines: readonly string[]) {
  await ctx.sql(`DROP SCHEMA IF EXISTS drill CASCADE; CREATE SCHEMA drill; SET search_path = drill; ${ordersTableSql} RESET search_path;`);
  await ctx.sql('INSERT INTO drill.orders SELECT * FROM json_populate_recordset(NULL::drill.orders, $1::json)', [`[${lines.join(',')}]`]);
  const [row] = rowsOf(
    await ctx.sql(
      `SELECT (SELECT count(*) FROM drill.orders) AS restored,
  (SELECT count(DISTINCT order_id) FROM change_log WHERE seq <= ${sqlInt(uptoSeq)} AND op = 'INSERT') AS expected`,
    ),
  );
  await ctx.sql('DROP SCHEMA drill CASCADE');
  ctx.send('vault', { type: 'drill-result', dumpId, restored: Number(row?.['restored'] ?? 0), expected: Number(row?.['expected'] ?? 0) });
}

/** The payments whose order this database does not hold, found by Postgres from the list payments sent. */
async function orphans(ctx: Ctx, rows: readonly PaymentRow[]): Promise<PaymentRow[] | null> {
  const result = await ctx.sql(
    `SELECT p.* FROM json_to_recordset($1::json) AS p(id text, order_id text, customer text, amount_cents int, paid_at bigint)
WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = p.order_id) ORDER BY p.order_id`,
    [JSON.stringify(rows)],
  );
  if (!result.ok) return null;
  return rowsOf(result).map((r) => ({
    id: String(r['id']),
    order_id: String(r['order_id']),
    customer: String(r['customer']),
    amount_cents: Number(r['amount_cents']),
    paid_at: Number(r['paid_at']),
  }));
}

async function onPayments(ctx: Ctx, purpose: 'check' | 'reconcile', rows: readonly PaymentRow[], variant: OrdersVariant) {
  const missing = await orphans(ctx, rows);
  if (missing === null) return ctx.note('the cross-service check could not read orders: is the table there?');
  if (purpose === 'check') {
    ctx.fact({ kind: 'cross-checked', payments: rows.length, orphans: missing.length });
    return ctx.note(`cross-service check: ${missing.length} of ${rows.length} payments name an order that does not exist`);
  }
  if (variant.reconcile === 'voids-payments') {
    ctx.send('payments', { type: 'void-payments', ids: missing.map((p) => p.id) });
    ctx.fact({ kind: 'repaired', repair: 'reconcile', recreated: 0, withoutAddress: 0, voided: missing.length });
  } else {
    // What payments knows is enough for the order's header; the address was never in payments.
    await ctx.sql(
      `INSERT INTO orders (id, customer, address, total_cents, pay, placed_at, recovered_from)
SELECT p.order_id, p.customer, NULL, p.amount_cents, 'card', p.paid_at, 'payments'
FROM json_to_recordset($1::json) AS p(order_id text, customer text, amount_cents int, paid_at bigint) ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(missing)],
    );
    ctx.fact({ kind: 'repaired', repair: 'reconcile', recreated: missing.length, withoutAddress: missing.length, voided: 0 });
  }
  ctx.send('payments', { type: 'list-payments', purpose: 'check' });
}

async function onReplayed(ctx: Ctx, events: readonly string[], fromAt: number, oldestKept: number | null) {
  const result = await ctx.sql(
    `INSERT INTO orders SELECT * FROM json_populate_recordset(NULL::orders, $1::json) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [`[${events.join(',')}]`],
  );
  const recreated = rowsOf(result).length;
  ctx.fact({ kind: 'repaired', repair: 'replay', recreated, withoutAddress: 0, voided: 0 });
  const gap =
    oldestKept !== null && oldestKept > fromAt
      ? `; events from ${clock(fromAt)} to ${clock(oldestKept)} are past the topic’s retention, gone`
      : '';
  ctx.note(`replayed ${events.length} events from ${clock(fromAt)}: ${recreated} orders recreated${gap}`);
  ctx.send('payments', { type: 'list-payments', purpose: 'check' });
}

export function orders(variant: OrdersVariant = SOUND): ServiceSpec<Backups, 'orders', OrdersState> {
  return {
    label: 'Orders (Postgres)',
    role: 'Takes orders; a trigger writes every change to change_log; dumped, shipped and restored by the vault’s jobs',
    database: { kind: 'postgres', setupSql: ordersSql },
    tables: [
      {
        title: 'orders (newest first)',
        sql: "SELECT id, customer, total_cents, pay, placed_at, coalesce(recovered_from, '') AS recovered_from FROM orders ORDER BY placed_at DESC LIMIT 8",
      },
      {
        title: 'restore_runs',
        sql: 'SELECT id, mode, dump_id, rows_loaded, changes_replayed, bytes, transfer_ms, engine_ms FROM restore_runs ORDER BY id',
      },
    ],
    initialState: () => ({ restoredTo: null }),
    on: {
      place: (ctx, m) => place(ctx, m.order),
      damage: (ctx, m) => damage(ctx, m.damage),
      'take-dump': (ctx, m) => takeDump(ctx, m.dumpId),
      'ship-log': (ctx, m) => shipLog(ctx, m.after),
      restore: (ctx, m) => requestRestore(ctx, m.mode),
      backup: (ctx, m) => restore(ctx, m.mode, m.backup, variant),
      drill: (ctx, m) => drill(ctx, m.dumpId, m.uptoSeq, m.lines),
      'cross-check': (ctx) => ctx.send('payments', { type: 'list-payments', purpose: 'check' }),
      repair(ctx, m) {
        if (m.repair === 'reconcile') return ctx.send('payments', { type: 'list-payments', purpose: 'reconcile' });
        if (ctx.state.restoredTo === null) return ctx.note('nothing was restored: there is nothing to replay');
        ctx.send('broker', { type: 'replay-from', fromAt: ctx.state.restoredTo });
      },
      payments: (ctx, m) => onPayments(ctx, m.purpose, m.rows, variant),
      replayed: (ctx, m) => onReplayed(ctx, m.events, m.fromAt, m.oldestKept),
    },
  };
}
