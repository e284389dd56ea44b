/** A key-value cache in SQLite, one JSON value per customer: the third store, added after the fact. */
import { sqlText } from '../kit/service-sql.ts';
import type { LogEvent } from './events.ts';
import type { Shop } from './fold.ts';
import cacheSql from './cache.sql?raw';
import { CONSUMER_TABLES_SQL, type Row, type ViewDefinition } from './view.ts';

const keyOf = (customer: string) => sqlText(`customer:${customer}`);

function apply(e: LogEvent): string[] {
  const k = keyOf(e.customer);
  switch (e.type) {
    case 'customer-registered':
      return [
        `INSERT INTO kv (key, value) VALUES (${k}, json_object('name', ${sqlText(e.name)}, 'email', ${sqlText(e.email)}, 'orders', 0, 'last_order', NULL))
         ON CONFLICT (key) DO UPDATE SET value = json_set(value, '$.name', ${sqlText(e.name)}, '$.email', ${sqlText(e.email)})`,
      ];
    case 'email-changed':
      return [`UPDATE kv SET value = json_set(value, '$.email', ${sqlText(e.email)}) WHERE key = ${k}`];
    case 'order-placed':
      return [
        `UPDATE kv SET value = json_set(value, '$.orders', json_extract(value, '$.orders') + 1, '$.last_order', ${sqlText(e.order)}) WHERE key = ${k}`,
      ];
    case 'customer-forgotten':
      return [`DELETE FROM kv WHERE key = ${k}`];
  }
}

const entries = (shop: Shop): Row[] =>
  [...shop.customers].flatMap(([customer, c]) =>
    c.name === null ? [] : [{ key: `customer:${customer}`, name: c.name, email: c.email, orders: c.orders, last_order: c.lastOrder }],
  );

export const cacheView: ViewDefinition & { readonly name: 'cache' } = {
  name: 'cache',
  label: 'Cache (SQLite key-value)',
  role: 'Added later: a key-value cache per customer. Starts at position 0 and catches up; the writer is not changed',
  database: { kind: 'sqlite', setupSql: `${cacheSql}\n${CONSUMER_TABLES_SQL}` },
  tables: [
    { title: 'kv (first 8 keys)', sql: 'SELECT key, value FROM kv ORDER BY key LIMIT 8' },
    { title: 'checkpoint', sql: 'SELECT position, started_at FROM checkpoint' },
  ],
  apply,
  checks: [
    {
      table: 'kv',
      sql: "SELECT key, json_extract(value, '$.name') AS name, json_extract(value, '$.email') AS email, json_extract(value, '$.orders') AS orders, json_extract(value, '$.last_order') AS last_order FROM kv ORDER BY key",
      expected: entries,
    },
  ],
};
