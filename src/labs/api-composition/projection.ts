/**
 * The SQL the projector runs on the read model, in one place. A batch of one source's change events is
 * applied in one local transaction: each event upserts the read model's copy of that source's row, only if
 * its version is newer; the rows of `order_view` the batch touches are joined again from the copies; and
 * the source's checkpoint moves forward. Repeated or late events change nothing.
 */
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { ChangeEvent, Source } from './messages.ts';
import { inList } from './owning-service.ts';

const num = (v: unknown) => sqlInt(Number(v));
const text = (v: unknown) => sqlText(String(v));

function upsertSql(source: Source, e: ChangeEvent): string {
  const r = JSON.parse(e.row) as Record<string, unknown>;
  switch (source) {
    case 'orders':
      return `INSERT INTO rm_orders (order_id, customer_id, placed_at, total_cents, version) VALUES (${text(r['order_id'])}, ${text(r['customer_id'])}, ${num(r['placed_at'])}, ${num(r['total_cents'])}, ${sqlInt(e.version)})
ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id, placed_at = excluded.placed_at, total_cents = excluded.total_cents, version = excluded.version
WHERE excluded.version > rm_orders.version`;
    case 'customers':
      return `INSERT INTO rm_customers (customer_id, name, version) VALUES (${text(r['customer_id'])}, ${text(r['name'])}, ${sqlInt(e.version)})
ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, version = excluded.version WHERE excluded.version > rm_customers.version`;
    case 'payments':
      return `INSERT INTO rm_payments (order_id, status, version) VALUES (${text(r['order_id'])}, ${text(r['status'])}, ${sqlInt(e.version)})
ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, version = excluded.version WHERE excluded.version > rm_payments.version`;
  }
}

/** The orders whose joined row a batch may change: a renamed customer touches every order of theirs. */
function touchedSql(source: Source, keys: readonly string[]): string {
  return source === 'customers'
    ? `SELECT order_id FROM rm_orders WHERE customer_id IN ${inList(keys)}`
    : `SELECT order_id FROM rm_orders WHERE order_id IN ${inList(keys)}`;
}

export function applyChangesSql(source: Source, events: readonly ChangeEvent[], now: number): string {
  const keys = [...new Set(events.map((e) => e.key))];
  const last = events.reduce((max, e) => Math.max(max, e.position), 0);
  return transaction([
    ...events.map((e) => upsertSql(source, e)),
    `DELETE FROM order_view WHERE order_id IN (${touchedSql(source, keys)})`,
    `INSERT INTO order_view (order_id, customer_id, customer_name, placed_at, total_cents, payment_status)
SELECT o.order_id, o.customer_id, c.name, o.placed_at, o.total_cents, p.status
FROM rm_orders o JOIN rm_customers c ON c.customer_id = o.customer_id JOIN rm_payments p ON p.order_id = o.order_id
WHERE o.order_id IN (${touchedSql(source, keys)})`,
    `UPDATE checkpoints SET position = max(position, ${sqlInt(last)}), updated_at = ${sqlInt(now)} WHERE source = ${sqlText(source)}`,
  ]);
}
