/** Payments: charges the customer's card, and refunds it when the saga is undone after the charge. */
import { BROKER_CLIENT_SCHEMA } from '../kit/broker-client.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LinkState } from './broker-link.ts';
import { finish, fresh, OFFSETS_VIEW, OUTBOX_VIEW, type Consume } from './consume.ts';
import type { Operation } from './local-commit.ts';
import type { OrderData, OrderSaga, SagaVariant } from './messages.ts';
import { onCommand, participantHandlers, routeFor } from './participant.ts';
import paymentsSql from './payments.sql?raw';
import { SLOW_PAYMENTS_MS } from './settings.ts';

function ledgerRow(order: OrderData, kind: 'charge' | 'refund', amount: number, now: number): string {
  return `INSERT INTO payments (id, order_id, kind, amount, at)
SELECT coalesce(max(id), 0) + 1, ${sqlText(order.orderId)}, '${kind}', ${sqlInt(amount)}, ${sqlInt(now)} FROM payments`;
}

const charge: Operation = {
  name: 'charge-payment',
  key: (order) => `charge:${order.orderId}`,
  faults: { crashBeforeCommit: 'payments-crash-before-commit', crashAfterCommit: 'payments-crash-after-commit' },
  async plan(ctx, order) {
    if (ctx.isFaultOn('payment-declined')) {
      return { kind: 'commit', outcome: 'failed', reason: 'card declined (injected fault)', statements: [] };
    }
    if (order.card === 'expired') return { kind: 'commit', outcome: 'failed', reason: 'card expired', statements: [] };
    if (rowsOf(await ctx.sql(`SELECT 1 AS refunded FROM refunded_orders WHERE order_id = ${sqlText(order.orderId)}`)).length > 0) {
      return { kind: 'commit', outcome: 'failed', reason: 'the order was refunded before this charge arrived', statements: [] };
    }
    return { kind: 'commit', outcome: 'done', statements: [ledgerRow(order, 'charge', order.amount, ctx.now)] };
  },
};

/**
 * Refunds what the order was charged, and marks the order refunded so that a charge arriving later is
 * refused (see payments.sql). Like releasing stock, it leaves duplicates to the idempotency key. A refund
 * for an order not charged yet moves no money, but it still leaves the mark: that charge may be late rather
 * than lost, and the saga has already been compensated without it.
 */
const refund: Operation = {
  name: 'refund-payment',
  key: (order) => `refund:${order.orderId}`,
  async plan(ctx, order) {
    if (ctx.isFaultOn('refunds-fail')) return { kind: 'refuse', reason: 'the provider rejected the refund (injected fault)' };
    const [row] = rowsOf(
      await ctx.sql(
        `SELECT coalesce(sum(amount), 0)::int AS charged FROM payments WHERE order_id = ${sqlText(order.orderId)} AND kind = 'charge'`,
      ),
    );
    const charged = Number(row?.['charged'] ?? 0);
    const mark = `INSERT INTO refunded_orders (order_id, at) VALUES (${sqlText(order.orderId)}, ${sqlInt(ctx.now)}) ON CONFLICT DO NOTHING`;
    if (charged === 0) return { kind: 'commit', outcome: 'done', reason: 'nothing was charged yet', statements: [mark] };
    return { kind: 'commit', outcome: 'done', statements: [ledgerRow(order, 'refund', charged, ctx.now), mark] };
  },
};

const operations = { 'charge-payment': charge, 'refund-payment': refund };

/**
 * While the card network is slow, a charge passes its checks now and is written once the network answers.
 * A redelivery meanwhile passes the same checks: only the idempotency key's primary key stops it then.
 */
const atCardNetworkPace: Consume = async (ctx, variant, delivery, route) => {
  const work = await fresh(ctx, delivery, route);
  if (!work) return;
  if (work.operation === 'charge-payment' && ctx.isFaultOn('payments-slow')) {
    ctx.note(`waiting ${SLOW_PAYMENTS_MS} ms on the card network for ${work.order.orderId}`);
    ctx.setTimer(SLOW_PAYMENTS_MS, { type: 'card-network-answered', delivery });
    return;
  }
  await finish(ctx, variant, delivery, work);
};

export function payments(variant: SagaVariant): ServiceSpec<OrderSaga, 'payments', LinkState> {
  const participant = participantHandlers('payments', variant, operations, atCardNetworkPace);
  return {
    label: 'Payments',
    role: 'Charges and refunds cards (Postgres)',
    database: { kind: 'postgres', setupSql: `${paymentsSql}\n${BROKER_CLIENT_SCHEMA}` },
    tables: [{ title: 'payments', sql: 'SELECT id, order_id, kind, amount, at FROM payments ORDER BY id' }, OFFSETS_VIEW, OUTBOX_VIEW],
    initialState: participant.initialState,
    on: {
      'charge-payment': onCommand(variant, charge, atCardNetworkPace),
      'refund-payment': onCommand(variant, refund, atCardNetworkPace),
      async 'card-network-answered'(ctx, { delivery }) {
        const route = routeFor(ctx, 'payments', variant, operations, delivery);
        if (route) await finish(ctx, variant, delivery, route);
      },
      ...participant.events,
      ...participant.link,
    },
    recover: participant.recover,
  };
}
