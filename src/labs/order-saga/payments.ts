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
  plan(ctx, order) {
    if (ctx.isFaultOn(FAULT.paymentDeclined)) {
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
    if (ctx.isFaultOn(FAULT.refundsFail)) return { kind: 'refuse', reason: 'the provider rejected the refund (injected fault)' };
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

export function payments(variant: SagaVariant): ServiceBehaviour<LinkState> {
  return participant('payments', { [charge.name]: charge, [refund.name]: refund }, variant);
}
