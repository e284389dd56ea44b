/** The read model's query for each page: one statement on one table, sorted, filtered and paged by SQLite. */
import type { Cell } from '../engine/types.ts';
import type { PageKind, PageRow } from './messages.ts';
import { ORDER_ID, PAGE, PAGE_SIZE } from './settings.ts';

const COLUMNS = 'order_id, customer_name, payment_status, total_cents, placed_at';
const PAGE_3 = `LIMIT ${PAGE_SIZE} OFFSET ${(PAGE - 1) * PAGE_SIZE}`;

export const READ_MODEL_PAGE_SQL: Readonly<Record<PageKind, string>> = {
  order: `SELECT ${COLUMNS} FROM order_view WHERE order_id = '${ORDER_ID}'`,
  newest: `SELECT ${COLUMNS} FROM order_view ORDER BY placed_at DESC, order_id DESC ${PAGE_3}`,
  'newest-paid': `SELECT ${COLUMNS} FROM order_view WHERE payment_status = 'paid' ORDER BY placed_at DESC, order_id DESC ${PAGE_3}`,
  'paid-by-name': `SELECT ${COLUMNS} FROM order_view WHERE payment_status = 'paid' ORDER BY customer_name, order_id ${PAGE_3}`,
};

export const pageRowOf = (r: Record<string, Cell>): PageRow => ({
  orderId: String(r['order_id']),
  placedAt: Number(r['placed_at']),
  totalCents: Number(r['total_cents']),
  customerName: r['customer_name'] === null ? null : String(r['customer_name']),
  paymentStatus: r['payment_status'] === null ? null : String(r['payment_status']),
});
