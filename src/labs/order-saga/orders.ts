/**
 * Orders: keeps the order the customer sees. In orchestrated mode it creates, completes or cancels an order
 * on command; in choreographed mode it takes the order from the reader, announces it, and follows the
 * other services' events to keep its status up to date.
 */
import { BROKER_CLIENT_SCHEMA } from '../kit/broker-client.ts';
import type { Publication } from '../kit/broker-protocol.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LinkState } from './broker-link.ts';
import { numberOrders, requestsOf } from './batch.ts';
import { OFFSETS_VIEW, OUTBOX_VIEW } from './consume.ts';
import { commitAndPublish, recordEffect, type CommitFaults, type Ctx, type Operation } from './local-commit.ts';
import { modeOf, type OrderData, type OrderSaga, type PlaceBatch, type PlaceOrder, type SagaVariant } from './messages.ts';
import ordersSql from './orders.sql?raw';
import { onCommand, participantHandlers } from './participant.ts';

type Status = 'placed' | 'reserved' | 'paid' | 'compensating' | 'completed' | 'cancelled';

function insertOrder(order: OrderData, status: Status, now: number): string {
  return `INSERT INTO orders (id, mode, sku, qty, amount, card, region, status, placed_at, updated_at) VALUES (${[
    sqlText(order.orderId),
    sqlText(modeOf(order.orderId)),
    sqlText(order.sku),
    sqlInt(order.qty),
    sqlInt(order.amount),
    sqlText(order.card),
    sqlText(order.region),
    sqlText(status),
    sqlInt(now),
    sqlInt(now),
  ].join(', ')})`;
}

/** An operation that moves the status forward from any of `from`, and does nothing otherwise. */
function advance(name: Operation['name'], to: Status, from: readonly Status[]): Operation {
  return {
    name,
    plan(ctx, order) {
      const statement = `UPDATE orders SET status = '${to}', updated_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(order.orderId)} AND status IN (${from.map((s) => `'${s}'`).join(', ')})`;
      return Promise.resolve({ kind: 'commit', outcome: 'done', statements: [statement] });
    },
  };
}

/** Orders crashes on either side of the commit that stores a new order, in either mode. */
const CREATE_FAULTS: CommitFaults = { crashBeforeCommit: 'orders-crash-before-commit', crashAfterCommit: 'orders-crash-after-commit' };

const create: Operation = {
  name: 'create-order',
  faults: CREATE_FAULTS,
  plan: (ctx, order) =>
    Promise.resolve({
      kind: 'commit',
      outcome: 'done',
      statements: [`${insertOrder(order, 'placed', ctx.now)} ON CONFLICT (id) DO NOTHING`],
    }),
};

/** Also a tombstone: cancelling an order that was never created keeps a late create from bringing it back. */
const cancel: Operation = {
  name: 'cancel-order',
  plan: (ctx, order) =>
    Promise.resolve({
      kind: 'commit',
      outcome: 'done',
      statements: [
        `${insertOrder(order, 'cancelled', ctx.now)} ON CONFLICT (id) DO UPDATE SET status = 'cancelled', updated_at = ${sqlInt(ctx.now)} WHERE orders.status <> 'completed'`,
      ],
    }),
};

const complete = advance('complete-order', 'completed', ['placed', 'reserved', 'paid']);

const operations = {
  'create-order': create,
  'cancel-order': cancel,
  'complete-order': complete,
  'mark-reserved': advance('mark-reserved', 'reserved', ['placed']),
  'mark-paid': advance('mark-paid', 'paid', ['placed', 'reserved']),
  'mark-compensating': advance('mark-compensating', 'compensating', ['placed', 'reserved', 'paid']),
};

/** The reader places orders in choreographed mode: each is stored and announced in one local transaction. */
async function place(ctx: Ctx, variant: SagaVariant, message: PlaceOrder | PlaceBatch) {
  const orders = await numberOrders(
    ctx,
    'choreographed',
    'orders',
    'id',
    requestsOf(message, () => ctx.random()),
  );
  const announced = orders.map((order): Publication<OrderSaga> => ({
    topic: 'orders-events',
    key: order.orderId,
    event: { type: 'order-placed', order },
  }));
  const done = await commitAndPublish(
    ctx,
    variant,
    orders.map((order) => insertOrder(order, 'placed', ctx.now)),
    announced,
    CREATE_FAULTS,
  );
  if (done.ok) for (const order of orders) recordEffect(ctx, 'place-order', order.orderId, 'done');
}

export function ordersService(variant: SagaVariant): ServiceSpec<OrderSaga, 'orders', LinkState> {
  const participant = participantHandlers('orders', variant, operations);
  return {
    label: 'Orders',
    role: 'The order the customer sees (Postgres)',
    database: { kind: 'postgres', setupSql: `${ordersSql}\n${BROKER_CLIENT_SCHEMA}` },
    tables: [
      {
        title: 'outcomes by mode',
        sql: 'SELECT mode, status, count(*)::int AS orders FROM orders GROUP BY mode, status ORDER BY mode, status',
      },
      { title: 'orders', sql: 'SELECT id, sku, qty, amount, card, region, status FROM orders ORDER BY placed_at, length(id), id' },
      OFFSETS_VIEW,
      OUTBOX_VIEW,
    ],
    initialState: participant.initialState,
    on: {
      'create-order': onCommand(variant, create),
      'complete-order': onCommand(variant, complete),
      'cancel-order': onCommand(variant, cancel),
      'place-order': (ctx, message) => place(ctx, variant, message),
      'place-batch': (ctx, message) => place(ctx, variant, message),
      ...participant.events,
      ...participant.link,
    },
    recover: participant.recover,
  };
}
