/**
 * The writer: the order service's command handlers. Each command checks the customer against the log
 * itself and appends events; that is all it does. It knows nothing of the views: adding one does not touch
 * this file or its tables (log-feed.ts tells whoever subscribed).
 */
import type { LabContext, MessageOfType } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import { encodeOrder } from './events.ts';
import { historySql } from './history.ts';
import { tellSubscribers, WRITER_SCHEMA_SQL } from './log-feed.ts';
import type { LogViews } from './messages.ts';
import { CUSTOMERS, LIVE_START, PRODUCTS, type Named } from './settings.ts';

export type OrdersCtx = LabContext<LogViews, 'orders', OrdersState>;
export type OrdersState = Record<string, never>;
type Msg<T extends string> = MessageOfType<LogViews['inbox']['orders'], T>;

interface Draft {
  readonly type: string;
  readonly data: string;
  readonly schema: number;
}

/** What the log says about a customer: the writer's only source of truth. */
async function customerState(ctx: OrdersCtx, customer: string) {
  const [row] = rowsOf(
    await ctx.sql(
      `SELECT count(*) FILTER (WHERE type = 'customer-registered')::int AS registered,
         count(*) FILTER (WHERE type = 'customer-forgotten')::int AS forgotten,
         count(*) FILTER (WHERE type = 'order-placed')::int AS orders,
         count(*) FILTER (WHERE type = 'email-changed')::int AS email_changes
       FROM log WHERE key = ${sqlText(customer)}`,
    ),
  );
  return {
    registered: Number(row?.['registered']) > 0,
    forgotten: Number(row?.['forgotten']) > 0,
    orders: Number(row?.['orders'] ?? 0),
    emailChanges: Number(row?.['email_changes'] ?? 0),
  };
}

/** Appends `drafts` for `key` in one statement and tells the subscribers; undefined if Postgres refused. */
async function append(ctx: OrdersCtx, key: string, drafts: readonly Draft[], what: string) {
  const at = `timestamptz '${LIVE_START}' + ${sqlInt(ctx.now)} * interval '1 millisecond'`;
  const values = drafts.map((d) => `(${sqlText(key)}, ${sqlText(d.type)}, ${sqlText(d.data)}, ${sqlInt(d.schema)}, ${at})`);
  const result = await ctx.sql(`INSERT INTO log (key, type, data, schema, recorded_at) VALUES ${values.join(', ')} RETURNING position`);
  const positions = rowsOf(result).map((r) => Number(r['position']));
  const first = positions[0];
  const last = positions.at(-1);
  if (first === undefined || last === undefined) return ctx.note(`${what} was not appended`);
  ctx.fact({ kind: 'appended', first, last, what });
  await tellSubscribers(ctx, last);
}

function refuse(ctx: OrdersCtx, what: string, reason: string) {
  ctx.fact({ kind: 'refused', what, reason });
  ctx.note(`${what} refused: ${reason}`);
}

function registration(customer: Named): Draft {
  const { name, email } = CUSTOMERS[customer];
  return { type: 'customer-registered', data: JSON.stringify({ name, email }), schema: 2 };
}

async function placeOrder(ctx: OrdersCtx, { customer }: Msg<'place-order'>) {
  const state = await customerState(ctx, customer);
  const what = `order for ${customer}`;
  if (state.forgotten) return refuse(ctx, what, `${customer} asked to be forgotten`);
  const n = state.orders + 1;
  const release = ctx.isFaultOn('poison-order') ? 'buggy' : ctx.isFaultOn('old-release') ? 'old' : 'current';
  const cents = 500 + Math.floor(ctx.random() * 95) * 100;
  const order = encodeOrder({ order: `${customer}-${n}`, cents, description: PRODUCTS[(n - 1) % PRODUCTS.length] ?? 'teapot' }, release);
  const drafts = [...(state.registered ? [] : [registration(customer)]), { type: 'order-placed', ...order }];
  await append(ctx, customer, drafts, what);
}

async function changeEmail(ctx: OrdersCtx, { customer }: Msg<'change-email'>) {
  const state = await customerState(ctx, customer);
  const what = `email change for ${customer}`;
  if (state.forgotten) return refuse(ctx, what, `${customer} asked to be forgotten`);
  const { email, newEmail } = CUSTOMERS[customer];
  const next = state.emailChanges % 2 === 0 ? newEmail : email;
  const drafts = [
    ...(state.registered ? [] : [registration(customer)]),
    { type: 'email-changed', data: JSON.stringify({ email: next }), schema: 2 },
  ];
  await append(ctx, customer, drafts, what);
}

async function forget(ctx: OrdersCtx, { customer }: Msg<'forget'>) {
  const state = await customerState(ctx, customer);
  const what = `forgetting ${customer}`;
  if (!state.registered) return refuse(ctx, what, `${customer} is not a customer`);
  if (state.forgotten) return refuse(ctx, what, `${customer} is already forgotten`);
  await append(ctx, customer, [{ type: 'customer-forgotten', data: '{}', schema: 2 }], what);
  // The views drop the email; the log keeps every event that carried it, and refuses to change them.
  const [row] = rowsOf(await ctx.sql(`SELECT count(*)::int AS n FROM log WHERE key = ${sqlText(customer)} AND data ? 'email'`));
  const n = Number(row?.['n'] ?? 0);
  ctx.fact({ kind: 'forgotten', customer, logEventsWithEmail: n });
  ctx.note(`${customer} is forgotten by every view that applies the event; ${n} events in the log still carry an email of theirs`);
}

async function loadHistory(ctx: OrdersCtx, { events, oldShapeFirstThird }: Msg<'load-history'>) {
  const result = await ctx.sql(`${historySql(events, oldShapeFirstThird)};\nSELECT coalesce(max(position), 0) AS head FROM log`);
  if (!result.ok) return ctx.note('the history was not written');
  const written = result.results[0]?.affectedRows ?? 0;
  const head = Number(rowsOf(result)[0]?.['head'] ?? 0);
  const [schema] = rowsOf(await ctx.sql(WRITER_SCHEMA_SQL));
  ctx.fact({ kind: 'history-loaded', events: written, head, writerSchema: String(schema?.['fingerprint']) });
  ctx.note(`${written.toLocaleString('en')} past events appended, up to position ${head.toLocaleString('en')}`);
  await tellSubscribers(ctx, head);
}

export const writerHandlers = {
  'place-order': placeOrder,
  'change-email': changeEmail,
  forget,
  'load-history': loadHistory,
} as const;
