/**
 * The order service: the write model in Postgres. Every change to an order commits, in the same local
 * transaction, a change event to the outbox carrying the whole order as of its new version. The projector
 * pulls those events in batches; the customer's own session may read the normalised tables directly.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { ChangeEvent, CqrsLag, Fetch, OrderStatus, PlaceOrder, ReadMine } from './messages.ts';
import { orderRowsOf } from './rows.ts';
import ordersSql from './orders.sql?raw';
import { PAYMENT_DELAY_MS, YOU } from './settings.ts';

/** Volatile: whether the projector was last told "nothing new", so that the next commit wakes it once. */
interface OrdersState {
  projectorCaughtUp: boolean;
}

type Ctx = LabContext<CqrsLag, 'orders', OrdersState>;

/**
 * The change event, built by Postgres from the normalised tables it describes. With the poison fault on,
 * the service writes the total as null, as a release with a serialisation bug would.
 */
function outboxInsert(orderId: string, type: string, now: number, poison: boolean): string {
  const total = poison ? 'NULL' : '(SELECT sum(l.qty * l.price_cents) FROM order_lines l WHERE l.order_id = o.id)';
  return `INSERT INTO outbox (order_id, version, type, payload, committed_at)
SELECT o.id, o.version, ${sqlText(type)}, jsonb_build_object(
  'customer_id', o.customer_id, 'status', o.status, 'placed_at', o.placed_at, 'total_cents', ${total},
  'items', (SELECT string_agg(l.qty || ' × ' || l.sku, ', ' ORDER BY l.line_no) FROM order_lines l WHERE l.order_id = o.id)),
  ${sqlInt(now)}
FROM orders o WHERE o.id = ${sqlText(orderId)}
RETURNING position, version`;
}

/** The outbox insert is the last statement before COMMIT; its RETURNING row says where the event went. */
function committedEvent(result: QueryResult): { position: number; version: number } | undefined {
  if (!result.ok) return undefined;
  const set = result.results.at(-2);
  const row = set?.rows[0];
  if (!row) return undefined;
  return { position: Number(row[0]), version: Number(row[1]) };
}

function committed(ctx: Ctx, orderId: string, customerId: string, status: OrderStatus, at: { position: number; version: number }) {
  ctx.fact({ kind: 'committed', orderId, customerId, status, ...at });
  if (ctx.state.projectorCaughtUp) {
    ctx.state.projectorCaughtUp = false;
    ctx.send('read-model', { type: 'changes-available', head: at.position });
  }
}

async function placeOrder(ctx: Ctx, m: PlaceOrder, from: string) {
  const lines = m.lines.map(
    (l, i) => `(${sqlText(m.orderId)}, ${sqlInt(i + 1)}, ${sqlText(l.sku)}, ${sqlInt(l.qty)}, ${sqlInt(l.priceCents)})`,
  );
  const result = await ctx.sql(
    transaction([
      `INSERT INTO orders (id, customer_id, status, placed_at, version) VALUES (${sqlText(m.orderId)}, ${sqlText(m.customerId)}, 'placed', ${sqlInt(ctx.now)}, 1)`,
      `INSERT INTO order_lines (order_id, line_no, sku, qty, price_cents) VALUES ${lines.join(', ')}`,
      `INSERT INTO payments (order_id, card, amount_cents, status) SELECT ${sqlText(m.orderId)}, ${sqlText(m.card)}, sum(qty * price_cents), 'pending' FROM order_lines WHERE order_id = ${sqlText(m.orderId)}`,
      outboxInsert(m.orderId, 'order-placed', ctx.now, ctx.isFaultOn('poison-event')),
    ]),
  );
  const event = committedEvent(result);
  if (!event) return;
  committed(ctx, m.orderId, m.customerId, 'placed', event);
  ctx.setTimer(PAYMENT_DELAY_MS, { type: 'payment-answer', orderId: m.orderId });
  if (from === 'customer' || from === 'crowd') ctx.send(from, { type: 'order-placed', orderId: m.orderId, ...event });
}

/** The provider authorises every card but the one the lab marks as declined. */
async function paymentAnswer(ctx: Ctx, orderId: string) {
  const [payment] = rowsOf(
    await ctx.sql(
      `SELECT card, (SELECT customer_id FROM orders WHERE id = order_id) AS customer_id FROM payments WHERE order_id = ${sqlText(orderId)} AND status = 'pending'`,
    ),
  );
  if (!payment) return;
  const declined = payment['card'] === 'declined';
  const status: OrderStatus = declined ? 'declined' : 'confirmed';
  const result = await ctx.sql(
    transaction([
      `UPDATE payments SET status = ${sqlText(declined ? 'declined' : 'authorized')}, decided_at = ${sqlInt(ctx.now)} WHERE order_id = ${sqlText(orderId)}`,
      `UPDATE orders SET status = ${sqlText(status)}, version = version + 1 WHERE id = ${sqlText(orderId)}`,
      outboxInsert(orderId, declined ? 'order-declined' : 'order-confirmed', ctx.now, false),
    ]),
  );
  const event = committedEvent(result);
  if (event) committed(ctx, orderId, String(payment['customer_id']), status, event);
}

export function eventOf(row: Record<string, Cell>): ChangeEvent {
  return {
    position: Number(row['position']),
    orderId: String(row['order_id']),
    version: Number(row['version']),
    type: String(row['type']),
    customerId: String(row['customer_id']),
    status: String(row['status']),
    items: String(row['items']),
    totalCents: row['total_cents'] === null ? null : Number(row['total_cents']),
    placedAt: Number(row['placed_at']),
  };
}

/** Change events after `after`, as the projector receives them. */
export function eventsSql(after: number, limit: number): string {
  return `SELECT position, order_id, version, type, payload->>'customer_id' AS customer_id, payload->>'status' AS status,
  payload->>'items' AS items, (payload->>'total_cents')::int AS total_cents, (payload->>'placed_at')::int AS placed_at
FROM outbox WHERE position > ${sqlInt(after)} ORDER BY position LIMIT ${sqlInt(limit)}`;
}

async function fetch(ctx: Ctx, m: Fetch) {
  const result = await ctx.sql(`${eventsSql(m.after, m.limit)};\nSELECT coalesce(max(position), 0) AS head FROM outbox;`);
  if (!result.ok) return;
  const events = rowsOf({ ...result, results: result.results.slice(0, 1) }).map(eventOf);
  const head = Number(rowsOf(result)[0]?.['head'] ?? 0);
  ctx.state.projectorCaughtUp = events.length === 0;
  const holds = events.length === 0 ? 'nothing new' : `positions ${events[0]?.position ?? ''}–${events.at(-1)?.position ?? ''}`;
  ctx.send('read-model', { type: 'batch', holds, fetchId: m.fetchId, after: m.after, events, head });
}

/** Read-your-writes: the same page, joined from the normalised tables, at a cost to the write side. */
async function readMine(ctx: Ctx, m: ReadMine) {
  const result = await ctx.sql(`SELECT o.id AS order_id, o.status, o.version, sum(l.qty * l.price_cents)::int AS total_cents,
  string_agg(l.qty || ' × ' || l.sku, ', ' ORDER BY l.line_no) AS items
FROM orders o JOIN order_lines l ON l.order_id = o.id
WHERE o.customer_id = ${sqlText(m.customerId)}
GROUP BY o.id ORDER BY o.placed_at DESC, o.id DESC`);
  if (!result.ok) return;
  ctx.send('customer', { type: 'orders-page', reqId: m.reqId, rows: orderRowsOf(rowsOf(result)), source: 'write-side', timedOut: false });
}

export const orders: ServiceSpec<CqrsLag, 'orders', OrdersState> = {
  label: 'Order service (Postgres)',
  role: 'The write model: orders, lines and payments, normalised; each change commits its event to the outbox',
  database: { kind: 'postgres', setupSql: ordersSql },
  // Your orders first: the lab follows them, and the crowd's would bury them.
  tables: [
    {
      title: 'orders (yours first, then newest)',
      sql: `SELECT id, customer_id AS customer, status, version AS v FROM orders ORDER BY customer_id = '${YOU}' DESC, placed_at DESC, id DESC LIMIT 10`,
    },
    {
      title: 'payments (yours first, then newest)',
      sql: `SELECT p.order_id, p.card, p.status FROM payments p JOIN orders o ON o.id = p.order_id ORDER BY o.customer_id = '${YOU}' DESC, o.placed_at DESC, o.id DESC LIMIT 6`,
    },
    {
      title: 'outbox (newest first)',
      sql: 'SELECT position AS pos, order_id, version AS v, type FROM outbox ORDER BY position DESC LIMIT 10',
    },
  ],
  // The projector starts asleep with nothing to read: the first order wakes it.
  initialState: () => ({ projectorCaughtUp: true }),
  on: {
    'place-order': (ctx, m, from) => placeOrder(ctx, m, from),
    'payment-answer': (ctx, m) => paymentAnswer(ctx, m.orderId),
    fetch,
    'read-mine': readMine,
  },
};
