/**
 * The two services that keep a copy (SQLite): orders for receipts, analytics for its customer dimension.
 * Each writes what the customer service announces, in both schemes, and on an erasure deletes the customer
 * from the tables the catalog named, remembers the customer as erased, and confirms. With the
 * `undeclared-copy` fault on, analytics also feeds a campaign export a team added without telling anyone:
 * no catalog lists it, so no erasure names it.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlText, transaction } from '../kit/service-sql.ts';
import analyticsSql from './analytics.sql?raw';
import { SCHEMES, type Erase, type PersonalData, type Registered } from './messages.ts';
import ordersSql from './orders.sql?raw';
import { copyOf } from './settings.ts';

type CopyService = 'orders' | 'analytics';
type Ctx = LabContext<PersonalData, CopyService, Record<string, never>>;

const EXPORT_TABLE = 'campaign_audience';
const CREATE_EXPORT = `CREATE TABLE IF NOT EXISTS ${EXPORT_TABLE} (scheme TEXT, customer_id TEXT, email TEXT, PRIMARY KEY (scheme, customer_id))`;

function rowsFor(service: CopyService, m: Registered): string[] {
  return SCHEMES.map((scheme) => {
    const c = m[scheme];
    const values = [scheme, m.customerId, ...(service === 'analytics' ? [m.region] : []), c.email, c.phone].map(sqlText).join(', ');
    return service === 'analytics'
      ? `INSERT OR REPLACE INTO customer_dim (scheme, customer_id, region, email, phone) VALUES (${values})`
      : `INSERT OR REPLACE INTO customer_contacts (scheme, customer_id, email, phone) VALUES (${values})`;
  });
}

async function registered(ctx: Ctx, service: CopyService, m: Registered) {
  const [gone] = rowsOf(await ctx.sql(`SELECT 1 AS y FROM erased_customers WHERE customer_id = ${sqlText(m.customerId)}`));
  if (gone) return ctx.note(`${m.customerId} was erased before this announcement arrived: not copied`);
  const exporting = service === 'analytics' && ctx.isFaultOn('undeclared-copy');
  const exports = exporting
    ? [
        CREATE_EXPORT,
        ...SCHEMES.map(
          (s) => `INSERT OR REPLACE INTO ${EXPORT_TABLE} VALUES (${sqlText(s)}, ${sqlText(m.customerId)}, ${sqlText(m[s].email)})`,
        ),
      ]
    : [];
  const result = await ctx.sql(transaction([...rowsFor(service, m), ...exports]));
  if (!result.ok) return;
  for (const scheme of SCHEMES) {
    ctx.fact({ kind: 'copy', customerId: m.customerId, copy: service, scheme, holds: true });
    if (exporting) ctx.fact({ kind: 'copy', customerId: m.customerId, copy: 'campaign-export', scheme, holds: true });
  }
}

async function erase(ctx: Ctx, service: CopyService, m: Erase) {
  const existing = new Set(rowsOf(await ctx.sql("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => String(r['name'])));
  const tables = m.tables.filter((t) => existing.has(t));
  const id = sqlText(m.customerId);
  const result = await ctx.sql(
    transaction([
      ...tables.map((t) => `DELETE FROM "${t.replaceAll('"', '""')}" WHERE customer_id = ${id}`),
      `INSERT OR IGNORE INTO erased_customers (customer_id) VALUES (${id})`,
    ]),
  );
  if (!result.ok) return;
  for (const table of tables) {
    const copy = copyOf(service, table);
    if (copy) for (const scheme of SCHEMES) ctx.fact({ kind: 'copy', customerId: m.customerId, copy, scheme, holds: false });
  }
  ctx.note(`${m.customerId} erased from ${tables.join(', ') || 'no table'}`);
  ctx.send('customers', { type: 'erased', customerId: m.customerId, task: service, rows: tables.length });
}

function copyService(
  service: CopyService,
  label: string,
  role: string,
  setupSql: string,
  table: string,
): ServiceSpec<PersonalData, CopyService, Record<string, never>> {
  return {
    label,
    role,
    database: { kind: 'sqlite', setupSql },
    tables: [{ title: table, sql: `SELECT scheme, customer_id, email, phone FROM ${table} ORDER BY customer_id, scheme` }],
    initialState: () => ({}),
    on: {
      'customer-registered': (ctx, m) => registered(ctx, service, m),
      erase: (ctx, m) => erase(ctx, service, m),
    },
  };
}

export const orders = copyService(
  'orders',
  'Orders (SQLite)',
  'Keeps each customer’s email and phone for receipts and deliveries',
  ordersSql,
  'customer_contacts',
);

export const analytics = copyService(
  'analytics',
  'Analytics (SQLite)',
  'A customer dimension with contact details; with a fault on, a campaign export nobody declared',
  analyticsSql,
  'customer_dim',
);
