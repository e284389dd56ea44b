/**
 * Past events, written by a migration in one statement so that the trace stays small: customers registered
 * first, then orders and email changes spread over them, one minute apart. The numbers come from the
 * event's index alone, so every load of the same size writes the same events.
 */
import { sqlInt } from '../kit/service-sql.ts';
import { CENTS_PG } from './events.ts';
import { HISTORY_CUSTOMERS, HISTORY_START, PRODUCTS } from './settings.ts';

const products = `ARRAY[${PRODUCTS.map((p) => `'${p}'`).join(', ')}]`;

/** Appends `events` past events after whatever the log holds; old-shape orders in the first third when asked. */
export function historySql(events: number, oldShapeFirstThird: boolean): string {
  const oldUpTo = oldShapeFirstThird ? Math.floor(events / 3) : 0;
  return `WITH s AS (
  SELECT coalesce(max(position), 0) AS base,
         count(*) FILTER (WHERE type = 'customer-registered' AND key LIKE 'c-%') AS known
  FROM log
), g AS (
  SELECT i, base,
    CASE WHEN i <= ${sqlInt(HISTORY_CUSTOMERS)} THEN known + i ELSE 1 + (i * 7919) % (known + ${sqlInt(HISTORY_CUSTOMERS)}) END AS who,
    CASE WHEN i <= ${sqlInt(HISTORY_CUSTOMERS)} THEN 'customer-registered' WHEN i % 10 = 0 THEN 'email-changed' ELSE 'order-placed' END AS type,
    500 + (i * 37) % 9500 AS cents,
    (${products})[1 + i % ${sqlInt(PRODUCTS.length)}] AS product
  FROM s, generate_series(1, ${sqlInt(events)}) AS i
)
INSERT INTO log (key, type, data, schema, recorded_at)
SELECT 'c-' || lpad(who::text, 4, '0'), type,
  CASE type
    WHEN 'customer-registered' THEN jsonb_build_object('name', 'Customer ' || who, 'email', 'c' || who || '@example.com')
    WHEN 'email-changed' THEN jsonb_build_object('email', 'c' || who || '.' || (base + i) || '@example.com')
    WHEN 'order-placed' THEN CASE WHEN i <= ${sqlInt(oldUpTo)}
      THEN jsonb_build_object('order', 'h-' || (base + i), 'amount', (cents / 100.0)::numeric(10, 2)::text, 'text', product)
      ELSE jsonb_build_object('order', 'h-' || (base + i), 'cents', cents, 'description', product) END
  END,
  CASE WHEN type = 'order-placed' AND i <= ${sqlInt(oldUpTo)} THEN 1 ELSE 2 END,
  timestamptz '${HISTORY_START}' + (base + i) * interval '1 minute'
FROM g ORDER BY i`;
}

/** What the chapter's fold query and the hidden-run exercise compare against: orders per customer, from the log alone. */
export const ORDERS_PER_CUSTOMER_SQL = `SELECT key AS customer,
  count(cents)::int AS orders,
  coalesce(sum(cents), 0)::int AS total_cents
FROM (SELECT key, type, ${CENTS_PG} AS cents FROM log) e
WHERE type = 'order-placed'
GROUP BY key`;
