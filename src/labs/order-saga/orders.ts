/**
 * Orders: keeps the order the customer sees. In orchestrated mode it creates, completes or cancels an order
 * on command; in choreographed mode it takes the order from the reader, announces it, and follows the
 * other services' events to keep its status up to date.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import type { LinkState } from './broker-link.ts';
import { numberOrders, requestsOf } from './batch.ts';
import { FAULT } from './faults.ts';
import { eventTopic, modeOf, type OrderData, type SagaEvent, type SagaVariant } from './messages.ts';
import { commitAndPublish, effectNote, type Ctx, type Operation } from './local-commit.ts';
import { participant } from './routes.ts';

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
function advance(name: string, to: Status, from: readonly Status[]): Operation {
  return {
    name,
    plan(ctx, order) {
      const statement = `UPDATE orders SET status = '${to}', updated_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(order.orderId)} AND status IN (${from.map((s) => `'${s}'`).join(', ')})`;
      return Promise.resolve({ kind: 'commit', outcome: 'done', statements: [statement] });
    },
  };
}

/** Orders crashes on either side of the commit that stores a new order, in either mode. */
const CREATE_FAULTS: Operation['faults'] = {
  crashBeforeCommit: FAULT.ordersCrashBeforeCommit,
  crashAfterCommit: FAULT.ordersCrashAfterCommit,
};

const operations: readonly Operation[] = [
  {
    name: 'create-order',
    faults: CREATE_FAULTS,
    plan: (ctx, order) =>
      Promise.resolve({
        kind: 'commit',
        outcome: 'done',
        statements: [`${insertOrder(order, 'placed', ctx.now)} ON CONFLICT (id) DO NOTHING`],
      }),
  },
  {
    // Also a tombstone: cancelling an order that was never created keeps a late create from bringing it back.
    name: 'cancel-order',
    plan: (ctx, order) =>
      Promise.resolve({
        kind: 'commit',
        outcome: 'done',
        statements: [
          `${insertOrder(order, 'cancelled', ctx.now)} ON CONFLICT (id) DO UPDATE SET status = 'cancelled', updated_at = ${sqlInt(ctx.now)} WHERE orders.status <> 'completed'`,
        ],
      }),
  },
  advance('complete-order', 'completed', ['placed', 'reserved', 'paid']),
  advance('mark-reserved', 'reserved', ['placed']),
  advance('mark-paid', 'paid', ['placed', 'reserved']),
  advance('mark-compensating', 'compensating', ['placed', 'reserved', 'paid']),
];

/** The reader places orders in choreographed mode: each is stored and announced in one local transaction. */
async function place(ctx: Ctx, variant: SagaVariant, orders: readonly OrderData[]) {
  const announced = orders.map((order) => {
    const event: SagaEvent = { type: 'order-placed', order };
    return { topic: eventTopic('orders'), key: order.orderId, event };
  });
  const done = await commitAndPublish(
    ctx,
    variant,
    orders.map((order) => insertOrder(order, 'placed', ctx.now)),
    announced,
    CREATE_FAULTS,
  );
  if (done.ok) for (const order of orders) ctx.note(effectNote('place-order', order.orderId, 'done'));
}

export function ordersService(variant: SagaVariant): ServiceBehaviour<LinkState> {
  return participant('orders', Object.fromEntries(operations.map((op) => [op.name, op])), variant, async (ctx, message) => {
    if (message.type !== 'place-order' && message.type !== 'place-batch') return;
    const orders = await numberOrders(
      ctx,
      'choreographed',
      'orders',
      'id',
      requestsOf(message, () => ctx.random()),
    );
    await place(ctx, variant, orders);
  });
}
