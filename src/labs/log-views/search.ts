/** A full-text index of orders in SQLite (FTS4): the search view. Its consumer is the one that crashes. */
import { sqlText } from '../kit/service-sql.ts';
import type { LogEvent } from './events.ts';
import type { Shop } from './fold.ts';
import searchSql from './search.sql?raw';
import { CONSUMER_TABLES_SQL, type Row, type ViewDefinition } from './view.ts';

/** Every indexed order of a customer carries the customer's current name and email, or nothing once forgotten. */
const refreshDocs = (c: string) =>
  `UPDATE order_search SET name = coalesce((SELECT name FROM people WHERE customer = ${c}), ''),
     email = coalesce((SELECT email FROM people WHERE customer = ${c}), '') WHERE customer = ${c}`;

function apply(e: LogEvent): string[] {
  const c = sqlText(e.customer);
  switch (e.type) {
    case 'customer-registered':
      return [
        `INSERT INTO people (customer, name, email) VALUES (${c}, ${sqlText(e.name)}, ${sqlText(e.email)})
         ON CONFLICT (customer) DO UPDATE SET name = excluded.name, email = excluded.email`,
        refreshDocs(c),
      ];
    case 'email-changed':
      return [`UPDATE people SET email = ${sqlText(e.email)} WHERE customer = ${c}`, refreshDocs(c)];
    case 'order-placed':
      return [
        `INSERT INTO order_search (order_id, customer, name, email, description)
         SELECT ${sqlText(e.order)}, ${c}, coalesce(p.name, ''), coalesce(p.email, ''), ${sqlText(e.description)}
         FROM (SELECT 1) LEFT JOIN people p ON p.customer = ${c}`,
      ];
    case 'customer-forgotten':
      return [`DELETE FROM people WHERE customer = ${c}`, refreshDocs(c)];
  }
}

const people = (shop: Shop): Row[] =>
  [...shop.customers].flatMap(([customer, c]) => (c.name === null || c.email === null ? [] : [{ customer, name: c.name, email: c.email }]));

const docs = (shop: Shop): Row[] =>
  [...shop.orders].map(([order, o]) => {
    const c = shop.customers.get(o.customer);
    return { order_id: order, customer: o.customer, name: c?.name ?? '', email: c?.email ?? '', description: o.description };
  });

export const searchView: ViewDefinition & { readonly name: 'search' } = {
  name: 'search',
  label: 'Search (SQLite FTS4)',
  role: 'A full-text index of orders by product, name and email',
  database: { kind: 'sqlite', setupSql: `${searchSql}\n${CONSUMER_TABLES_SQL}\nINSERT INTO checkpoint VALUES (0, 0, NULL);` },
  tables: [
    {
      title: "order_search MATCH 'teapot' (newest 6)",
      sql: "SELECT order_id, customer, email, description FROM order_search WHERE order_search MATCH 'teapot' ORDER BY rowid DESC LIMIT 6",
    },
    { title: 'checkpoint', sql: 'SELECT position FROM checkpoint' },
    { title: 'dead_letters', sql: 'SELECT position, reason FROM dead_letters ORDER BY position' },
  ],
  apply,
  checks: [
    { table: 'people', sql: 'SELECT customer, name, email FROM people ORDER BY customer', expected: people },
    { table: 'order_search', sql: 'SELECT order_id, customer, name, email, description FROM order_search ORDER BY docid', expected: docs },
  ],
};
