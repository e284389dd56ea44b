/** Table and column names of a service's database, for the console's completion. */
import type { Database } from '../engine/types.ts';

export type Catalog = readonly { readonly table: string; readonly columns: readonly string[] }[];

/**
 * Tables of `public` by their bare names, those of every other schema a lab or reader made as `schema.table`
 * (so `billing.` completes to billing's tables), and the system views the chapters query.
 */
const POSTGRES = `
  SELECT CASE WHEN table_schema IN ('public', 'pg_catalog') THEN table_name ELSE table_schema || '.' || table_name END,
    column_name
  FROM information_schema.columns
  WHERE (table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%')
    OR (table_schema = 'pg_catalog' AND table_name IN ('pg_prepared_xacts', 'pg_locks', 'pg_stat_activity'))
  ORDER BY table_schema = 'public' DESC, table_schema = 'pg_catalog', table_schema, table_name, ordinal_position`;

const SQLITE = `
  SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
  WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'
  ORDER BY m.name, p.cid`;

export async function readCatalog(db: Database): Promise<Catalog> {
  const result = await db.query(db.kind === 'postgres' ? POSTGRES : SQLITE);
  if (!result.ok) return [];
  const tables = new Map<string, string[]>();
  for (const [table, column] of result.results.at(-1)?.rows ?? []) {
    const columns = tables.get(String(table)) ?? [];
    columns.push(String(column));
    tables.set(String(table), columns);
  }
  return [...tables].map(([table, columns]) => ({ table, columns }));
}
