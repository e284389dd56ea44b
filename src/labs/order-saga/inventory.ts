/** Inventory: reserves stock for an order, and gives it back when the saga is undone. */
import { BROKER_CLIENT_SCHEMA } from '../kit/broker-client.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LinkState } from './broker-link.ts';
import { OFFSETS_VIEW } from './consume.ts';
import inventorySql from './inventory.sql?raw';
import type { Operation } from './local-commit.ts';
import { INITIAL_STOCK, type OrderSaga, type SagaVariant } from './messages.ts';
import { onCommand, participantHandlers } from './participant.ts';

const stockRows = Object.entries(INITIAL_STOCK)
  .map(([sku, n]) => `(${sqlText(sku)}, ${sqlInt(n)}, ${sqlInt(n)})`)
  .join(', ');

const reserve: Operation = {
  name: 'reserve-stock',
  key: (order) => `reserve:${order.orderId}`,
  faults: { crashBeforeCommit: 'inventory-crash-before-commit', crashAfterCommit: 'inventory-crash-after-commit' },
  async plan(ctx, order) {
    if (ctx.isFaultOn('out-of-stock'))
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

export function inventory(variant: SagaVariant): ServiceSpec<OrderSaga, 'inventory', LinkState> {
  const participant = participantHandlers('inventory', variant, { 'reserve-stock': reserve, 'release-stock': release });
  return {
    label: 'Inventory',
    role: 'Reserves and releases stock (SQLite)',
    database: {
      kind: 'sqlite',
      setupSql: `${inventorySql}\n${BROKER_CLIENT_SCHEMA}\nINSERT INTO items (sku, initial, available) VALUES ${stockRows};`,
    },
    tables: [
      {
        title: 'items',
        sql: `SELECT i.sku, i.initial, i.available, coalesce(sum(r.qty), 0) AS held FROM items i
LEFT JOIN reservations r ON r.sku = i.sku AND r.status = 'held' GROUP BY i.sku, i.initial, i.available ORDER BY i.sku`,
      },
      { title: 'reservations', sql: 'SELECT id, order_id, sku, qty, status FROM reservations ORDER BY id' },
      OFFSETS_VIEW,
    ],
    initialState: participant.initialState,
    on: {
      'reserve-stock': onCommand(variant, reserve),
      'release-stock': onCommand(variant, release),
      ...participant.events,
      ...participant.link,
    },
    recover: participant.recover,
  };
}
