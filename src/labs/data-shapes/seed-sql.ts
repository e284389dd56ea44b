/** Each service's setup SQL: its schema file, then the data set rendered in its shape, then fresh statistics. */
import { sqlText } from '../kit/service-sql.ts';
import { DATA_SET, type DataSet } from './dataset.ts';
import derivedSchema from './derived.sql?raw';
import keyValueSchema from './keyvalue.sql?raw';
import planSummary from './plan-summary.sql?raw';
import relationalSchema from './relational.sql?raw';
import { documentsOf, keyValuesOf, vectorOf } from './shapes.ts';

/** Long INSERTs in chunks, so that no statement is megabytes long. */
function inserts(table: string, rows: readonly string[], size = 200): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(`INSERT INTO ${table} VALUES\n${rows.slice(i, i + size).join(',\n')};`);
  return out.join('\n');
}

export const cubeOf = (v: readonly number[]) => `cube(ARRAY[${v.join(', ')}]::float8[])`;

export function relationalSetup(data: DataSet): string {
  return [
    relationalSchema,
    planSummary,
    inserts(
      'products',
      data.products.map((p) => `(${p.id}, ${sqlText(p.name)})`),
    ),
    inserts(
      'agents',
      data.agents.map((a) => `(${a.id}, ${sqlText(a.name)})`),
    ),
    inserts(
      'customers',
      data.customers.map((c) => `(${c.id}, ${sqlText(c.name)}, '${c.tier}', ${c.account})`),
    ),
    inserts(
      'tickets',
      data.tickets.map(
        (t) =>
          `(${t.id}, ${t.customerId}, ${t.productId}, ${t.agentId}, '${t.category}', ${sqlText(t.subject)}, ${sqlText(t.body)}, '${t.status}')`,
      ),
    ),
    inserts(
      'customer_links',
      data.links.map((l) => `(${l.from}, ${l.to}, '${l.kind}')`),
    ),
    'ANALYZE;',
  ].join('\n');
}

export function derivedSetup(data: DataSet): string {
  return [
    derivedSchema,
    planSummary,
    inserts(
      'customer_docs',
      documentsOf(data).map((d) => `(${d.id}, ${sqlText(JSON.stringify(d))})`),
      100,
    ),
    inserts(
      'ticket_search (id, customer_id, category, subject, body)',
      data.tickets.map((t) => `(${t.id}, ${t.customerId}, '${t.category}', ${sqlText(t.subject)}, ${sqlText(t.body)})`),
    ),
    inserts(
      'ticket_vectors',
      data.tickets.map((t) => `(${t.id}, '${t.category}', ${cubeOf(vectorOf(t))})`),
    ),
    'ANALYZE;',
  ].join('\n');
}

export function keyValueSetup(data: DataSet): string {
  return [
    keyValueSchema,
    inserts(
      'kv',
      [...keyValuesOf(data)].map(([key, value]) => `(${sqlText(key)}, ${sqlText(JSON.stringify(value))})`),
      300,
    ),
    'ANALYZE;',
  ].join('\n');
}

/** What each service's database starts with: the same facts, three shapes. */
export const RELATIONAL_SETUP = relationalSetup(DATA_SET);
export const DERIVED_SETUP = derivedSetup(DATA_SET);
export const KEY_VALUE_SETUP = keyValueSetup(DATA_SET);
