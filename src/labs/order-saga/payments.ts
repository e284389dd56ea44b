/** Payments: charges the customer's card, and refunds it when the saga is undone after the charge. */
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import type { LinkState } from './broker-link.ts';
import { FAULT } from './faults.ts';
import type { OrderData, SagaVariant } from './messages.ts';
import type { Operation } from './local-commit.ts';
import { participant } from './routes.ts';

function ledgerRow(order: OrderData, kind: 'charge' | 'refund', amount: number, now: number): string {
  return `INSERT INTO payments (id, order_id, kind, amount, at)
SELECT coalesce(max(id), 0) + 1, ${sqlText(order.orderId)}, '${kind}', ${sqlInt(amount)}, ${sqlInt(now)} FROM payments`;
}

const charge: Operation = {
  name: 'charge-payment',
  key: (order) => `charge:${order.orderId}`,
  faults: {
    slow: FAULT.paymentsSlow,
    crashBeforeCommit: FAULT.paymentsCrashBeforeCommit,
    crashAfterCommit: FAULT.paymentsCrashAfterCommit,
  },
  async plan(ctx, order) {
    if (ctx.isFaultOn(FAULT.paymentDeclined)) {
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
    if (ctx.isFaultOn(FAULT.refundsFail)) return { kind: 'refuse', reason: 'the provider rejected the refund (injected fault)' };
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

export function payments(variant: SagaVariant): ServiceBehaviour<LinkState> {
  return participant('payments', { [charge.name]: charge, [refund.name]: refund }, variant);
}
