/**
 * What the split has done so far, read from the monolith's real catalog: where each table lives, which
 * foreign keys, views and triggers still tie two domains together, and what each service's role may use.
 */
import { select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { domainOf, domains, relationships, type Domain } from '../ticket-system/index.ts';
import { roleOf, type AppService } from './services.ts';

/** Rows per table in the seed; lab.test.ts checks these against a freshly set-up monolith. */
export const SEED_ROWS: Readonly<Record<string, number>> = {
  zip_codes: 6,
  customers: 6,
  experts: 4,
  tickets: 8,
  assignments: 6,
  surveys: 2,
  invoices: 6,
};

/** Each domain's schema is named after the domain. */
export function schemaOf(domain: Domain): string {
  return domain.id;
}

export const DOMAIN_TABLES = domains.flatMap((d) => d.tables);

const USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

export interface TablePlace {
  readonly table: string;
  readonly schema: string;
}

/** Where each of the monolith's tables lives now (a table may be missing, or exist twice after a move). */
export async function tablePlaces(db: Database): Promise<TablePlace[]> {
  const rows = await select(
    db,
    `SELECT c.relname AS "table", n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND ${USER_SCHEMAS} ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ table: String(r['table']), schema: String(r['schema']) }));
}

export interface Tie {
  readonly kind: 'foreign key' | 'view' | 'trigger';
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Both ends in the same domain's schema. */
  readonly crossesDomains: boolean;
}

/** Foreign keys, view dependencies and triggers that still exist in the catalog, with their two tables. */
export async function ties(db: Database): Promise<Tie[]> {
  const fks = await select(
    db,
    `SELECT con.conname AS name, fn.nspname || '.' || f.relname AS "from", tn.nspname || '.' || t.relname AS "to",
            f.relname AS from_table, t.relname AS to_table
     FROM pg_constraint con
     JOIN pg_class f ON f.oid = con.conrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace
     JOIN pg_class t ON t.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     WHERE con.contype = 'f' ORDER BY 1`,
  );
  const views = await select(
    db,
    `SELECT DISTINCT vn.nspname || '.' || v.relname AS name, tn.nspname || '.' || t.relname AS tbl, t.relname AS table_name
     FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
     JOIN pg_namespace vn ON vn.oid = v.relnamespace
     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     WHERE v.relkind = 'v' AND t.relkind = 'r' ORDER BY 1, 2`,
  );
  const triggers = await select(
    db,
    `SELECT tg.tgname AS name, n.nspname || '.' || c.relname AS "from", c.relname AS from_table
     FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT tg.tgisinternal ORDER BY 1`,
  );
  const places = await tablePlaces(db);
  const placeOf = (table: string) => {
    const schema = places.find((p) => p.table === table)?.schema;
    return schema ? `${schema}.${table}` : `${table} (gone)`;
  };
  const crosses = (a: string, b: string) => known(a) && known(b) && domainOf(a).id !== domainOf(b).id;

  const found: Tie[] = fks.map((r) => ({
    kind: 'foreign key',
    name: String(r['name']),
    from: String(r['from']),
    to: String(r['to']),
    crossesDomains: crosses(String(r['from_table']), String(r['to_table'])),
  }));
  // A view ties the tables it reads to one another; show each table it reads beyond the first.
  const byView = new Map<string, { tbl: string; table: string }[]>();
  for (const r of views)
    byView.set(String(r['name']), [...(byView.get(String(r['name'])) ?? []), { tbl: String(r['tbl']), table: String(r['table_name']) }]);
  for (const [name, read] of byView) {
    const [first, ...rest] = read;
    if (!first) continue;
    for (const other of rest)
      found.push({ kind: 'view', name, from: first.tbl, to: other.tbl, crossesDomains: crosses(first.table, other.table) });
  }
  // The catalog cannot say which table a trigger's function writes; the domain map records it.
  for (const r of triggers) {
    const written = relationships.find((rel) => rel.kind === 'trigger' && rel.name === r['name'])?.to;
    const to = written ?? 'unknown';
    found.push({
      kind: 'trigger',
      name: String(r['name']),
      from: String(r['from']),
      to: written ? placeOf(written) : to,
      crossesDomains: written ? crosses(String(r['from_table']), written) : false,
    });
  }
  return found;
}

function known(table: string): boolean {
  return DOMAIN_TABLES.includes(table);
}

export interface RoleRights {
  readonly service: AppService;
  readonly role: string;
  readonly exists: boolean;
  /** Schemas the role may use. */
  readonly usage: readonly string[];
  /** Tables (schema.table) the role may read. */
  readonly readable: readonly string[];
}

export async function roleRights(db: Database, service: AppService): Promise<RoleRights> {
  const role = roleOf(service);
  const exists = (await select(db, `SELECT 1 FROM pg_roles WHERE rolname = '${role}'`)).length > 0;
  if (!exists) return { service, role, exists, usage: [], readable: [] };
  const usage = await select(
    db,
    `SELECT n.nspname FROM pg_namespace n WHERE ${USER_SCHEMAS} AND has_schema_privilege('${role}', n.oid, 'USAGE') ORDER BY 1`,
  );
  const readable = await select(
    db,
    `SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v') AND ${USER_SCHEMAS} AND has_table_privilege('${role}', c.oid, 'SELECT') ORDER BY 1`,
  );
  return { service, role, exists, usage: usage.map((r) => String(r['nspname'])), readable: readable.map((r) => String(r['t'])) };
}
