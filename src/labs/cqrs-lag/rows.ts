/** Rows of the "My orders" page as both sides return them: the same columns from either database. */
import type { Cell } from '../engine/types.ts';
import type { OrderRow } from './messages.ts';

export function orderRowsOf(rows: readonly Record<string, Cell>[]): OrderRow[] {
  return rows.map((r) => ({
    orderId: String(r['order_id']),
    status: String(r['status']),
    items: String(r['items']),
    totalCents: Number(r['total_cents']),
    version: Number(r['version']),
  }));
}
