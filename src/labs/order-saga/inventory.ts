/** Inventory: reserves stock for an order, and gives it back when the saga is undone. */
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import type { LinkState } from './broker-link.ts';
import { FAULT } from './faults.ts';
import type { SagaVariant } from './messages.ts';
import type { Operation } from './local-commit.ts';
import { participant } from './routes.ts';

const reserve: Operation = {
  name: 'reserve-stock',
  key: (order) => `reserve:${order.orderId}`,
  faults: { crashBeforeCommit: FAULT.inventoryCrashBeforeCommit, crashAfterCommit: FAULT.inventoryCrashAfterCommit },
  async plan(ctx, order) {
    if (ctx.isFaultOn(FAULT.outOfStock))
      return { kind: 'commit', outcome: 'failed', reason: 'out of stock (injected fault)', statements: [] };
    const [item] = rowsOf(await ctx.sql(`SELECT available FROM items WHERE sku = ${sqlText(order.sku)}`));
    const available = Number(item?.['available'] ?? 0);
    if (available < order.qty) return { kind: 'commit', outcome: 'failed', reason: `only ${available} ${order.sku} left`, statements: [] };
    return {
      kind: 'commit',
      outcome: 'done',
      statements: [
        `UPDATE items SET available = available - ${sqlInt(order.qty)} WHERE sku = ${sqlText(order.sku)}`,
        `INSERT INTO reservations (id, order_id, sku, qty, status, reserved_at)
SELECT coalesce(max(id), 0) + 1, ${sqlText(order.orderId)}, ${sqlText(order.sku)}, ${sqlInt(order.qty)}, 'held', ${sqlInt(ctx.now)} FROM reservations`,
      ],
    };
  },
};

/**
 * Gives back what the order reserved. It does not ask whether that was given back already: guarding
 * against a second copy of the request is the idempotency key's job, which the "Idempotency keys off"
 * switch removes.
 */
const release: Operation = {
  name: 'release-stock',
  key: (order) => `release:${order.orderId}`,
  async plan(ctx, order) {
    const held = rowsOf(await ctx.sql(`SELECT sku, qty FROM reservations WHERE order_id = ${sqlText(order.orderId)} ORDER BY id`));
    if (held.length === 0) return { kind: 'commit', outcome: 'done', reason: 'nothing was reserved', statements: [] };
    return {
      kind: 'commit',
      outcome: 'done',
      statements: [
        ...held.map((r) => `UPDATE items SET available = available + ${sqlInt(Number(r['qty']))} WHERE sku = ${sqlText(String(r['sku']))}`),
        `UPDATE reservations SET status = 'released', released_at = ${sqlInt(ctx.now)} WHERE order_id = ${sqlText(order.orderId)}`,
      ],
    };
  },
};

export function inventory(variant: SagaVariant): ServiceBehaviour<LinkState> {
  return participant('inventory', { [reserve.name]: reserve, [release.name]: release }, variant);
}
