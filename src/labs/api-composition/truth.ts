/**
 * What each page should show, computed straight from the three owning databases, for the invariants and
 * the exercise checks. It is written apart from the composer on purpose: a check that reused the
 * composer's own join would agree with its mistakes.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { PageKind, PageRow } from './messages.ts';
import { ORDER_ID, PAGE, PAGE_SIZE } from './settings.ts';

export type Dbs = ReadonlyMap<string, Database>;

/** Every order joined with its customer's name and its payment's status, as of now. */
export async function joinedNow(dbs: Dbs): Promise<PageRow[]> {
  const orders = await select(requireDb(dbs, 'orders'), 'SELECT order_id, customer_id, placed_at, total_cents FROM orders');
  const names = new Map(
    (await select(requireDb(dbs, 'customers'), 'SELECT customer_id, name FROM customers')).map((r) => [
      String(r['customer_id']),
      String(r['name']),
    ]),
  );
  const statuses = new Map(
    (await select(requireDb(dbs, 'payments'), 'SELECT order_id, status FROM payments')).map((r) => [
      String(r['order_id']),
      String(r['status']),
    ]),
  );
  return orders.map((o) => ({
    orderId: String(o['order_id']),
    placedAt: Number(o['placed_at']),
    totalCents: Number(o['total_cents']),
    customerName: names.get(String(o['customer_id'])) ?? null,
    paymentStatus: statuses.get(String(o['order_id'])) ?? null,
  }));
}

const codeUnits = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

export function truePage(all: readonly PageRow[], kind: PageKind): PageRow[] {
  const third = (rows: PageRow[]) => rows.slice((PAGE - 1) * PAGE_SIZE, PAGE * PAGE_SIZE);
  const newest = (rows: readonly PageRow[]) => [...rows].sort((a, b) => b.placedAt - a.placedAt || codeUnits(b.orderId, a.orderId));
  const paid = all.filter((r) => r.paymentStatus === 'paid');
  switch (kind) {
    case 'order':
      return all.filter((r) => r.orderId === ORDER_ID);
    case 'newest':
      return third(newest(all));
    case 'newest-paid':
      return third(newest(paid));
    case 'paid-by-name':
      return third([...paid].sort((a, b) => codeUnits(a.customerName ?? '', b.customerName ?? '') || codeUnits(a.orderId, b.orderId)));
  }
}

/** When the last change after the first day was committed, in any owning service; -1 if none was. */
export async function lastWriteAt(dbs: Dbs): Promise<number> {
  let last = -1;
  for (const source of ['orders', 'customers', 'payments'] as const) {
    const [row] = await select(requireDb(dbs, source), 'SELECT max(committed_at) AS at FROM outbox WHERE version > 1');
    if (row?.['at'] !== null && row?.['at'] !== undefined) last = Math.max(last, Number(row['at']));
  }
  return last;
}
