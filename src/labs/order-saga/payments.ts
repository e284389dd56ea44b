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
  plan(ctx, order) {
    if (ctx.isFaultOn('payment-declined')) {
      return Promise.resolve({ kind: 'commit', outcome: 'failed', reason: 'card declined (injected fault)', statements: [] });
    }
    if (order.card === 'expired') return Promise.resolve({ kind: 'commit', outcome: 'failed', reason: 'card expired', statements: [] });
    return Promise.resolve({ kind: 'commit', outcome: 'done', statements: [ledgerRow(order, 'charge', order.amount, ctx.now)] });
  },
};

/**
 * Refunds what the order was charged. Like releasing stock, it leaves duplicates to the idempotency key;
 * a refund for an order that was never charged does nothing.
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
    if (charged === 0) return { kind: 'commit', outcome: 'done', reason: 'nothing was charged', statements: [] };
    return { kind: 'commit', outcome: 'done', statements: [ledgerRow(order, 'refund', charged, ctx.now)] };
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
