/** Orders per customer, in Postgres: the relational view. It is the one a reader drops and rebuilds. */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LogEvent } from './events.ts';
import type { Shop } from './fold.ts';
import reportingSql from './reporting.sql?raw';
import { CONSUMER_TABLES_SQL, type Row, type ViewDefinition } from './view.ts';

/** The view's content in one md5: rows in key order, every column, null as an empty field. */
export const REPORTING_HASH_SQL = `SELECT md5(coalesce(string_agg(format('%s|%s|%s|%s|%s', customer, name, email, orders, total_cents), E'\\n' ORDER BY customer), '')) AS hash
FROM orders_per_customer`;

function apply(e: LogEvent): string[] {
  const c = sqlText(e.customer);
  switch (e.type) {
    case 'customer-registered':
      return [
        `INSERT INTO orders_per_customer (customer, name, email, orders, total_cents) VALUES (${c}, ${sqlText(e.name)}, ${sqlText(e.email)}, 0, 0)
         ON CONFLICT (customer) DO UPDATE SET name = excluded.name, email = excluded.email`,
      ];
    case 'email-changed':
      return [`UPDATE orders_per_customer SET email = ${sqlText(e.email)} WHERE customer = ${c} AND name IS NOT NULL`];
    case 'order-placed':
      return [
        `INSERT INTO orders_per_customer (customer, name, email, orders, total_cents) VALUES (${c}, NULL, NULL, 1, ${sqlInt(e.cents)})
         ON CONFLICT (customer) DO UPDATE SET orders = orders_per_customer.orders + 1, total_cents = orders_per_customer.total_cents + excluded.total_cents`,
      ];
    case 'customer-forgotten':
      return [`UPDATE orders_per_customer SET name = NULL, email = NULL WHERE customer = ${c}`];
  }
}

function expected(shop: Shop): Row[] {
  return [...shop.customers].map(([customer, c]) => ({
    customer,
    name: c.name,
    email: c.email,
    orders: c.orders,
    total_cents: c.totalCents,
  }));
}

export const reportingView: ViewDefinition & { readonly name: 'reporting' } = {
  name: 'reporting',
  label: 'Reporting (Postgres)',
  role: 'A relational view: orders and total per customer. Drop it and rebuild it from position 0',
  database: { kind: 'postgres', setupSql: `${reportingSql}\n${CONSUMER_TABLES_SQL}\nINSERT INTO checkpoint VALUES (0, 0, NULL);` },
  tables: [
    {
      title: 'orders_per_customer (most orders first)',
      sql: 'SELECT customer, name, email, orders, total_cents FROM orders_per_customer ORDER BY orders DESC, customer LIMIT 8',
    },
    { title: 'checkpoint', sql: 'SELECT position FROM checkpoint' },
    {
      title: 'rebuilds',
      sql: 'SELECT id, live_position, left(hash_before, 8) AS before, left(hash_after, 8) AS after FROM rebuilds ORDER BY id',
    },
  ],
  apply,
  checks: [
    {
      table: 'orders_per_customer',
      sql: 'SELECT customer, name, email, orders, total_cents FROM orders_per_customer ORDER BY customer',
      expected,
    },
  ],
  rebuild: { clear: ['DELETE FROM orders_per_customer'], hashSql: REPORTING_HASH_SQL },
};
