/**
 * Runs a service's request the way its connection would: on the database it uses, under its own role once
 * it has one, with the code it runs at that stage. Requests are reads, run inside a transaction that is
 * rolled back, so probing them for an invariant or a check changes nothing.
 */
import type { Database, QueryResult } from '../engine/types.ts';
import { rowsOf, sqlText } from '../kit/service-sql.ts';
import { appService, roleOf, type AppService, type ServiceRequest } from './services.ts';

export type RunSql = (sql: string) => Promise<QueryResult>;

export const MONOLITH = 'monolith';
export const TICKET_DB = 'ticket-db';
/** The two Postgres services: the shared monolith and the Ticket service's own database. */
export type DatabaseName = typeof MONOLITH | typeof TICKET_DB;

export interface RequestOutcome {
  readonly service: AppService;
  readonly request: string;
  /** Which code ran: the monolith's query, or the service's own code after the split. */
  readonly code: 'monolith' | 'split';
  readonly role: string | null;
  readonly sql: string;
  readonly ok: boolean;
  readonly rows: number;
  readonly error?: { readonly code: string; readonly message: string };
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const USER_SCHEMAS = "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'";

interface Connection {
  readonly role: string | null;
  readonly schemas: readonly string[];
  /** Table or view name to the schema that holds it now. */
  readonly tables: ReadonlyMap<string, string>;
}

async function connection(run: RunSql, service: AppService): Promise<Connection> {
  const result = await run(
    [
      `SELECT rolname FROM pg_roles WHERE rolname = ${sqlText(roleOf(service))};`,
      `SELECT nspname FROM pg_namespace WHERE ${USER_SCHEMAS} ORDER BY nspname;`,
      `SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'v') AND ${USER_SCHEMAS} ORDER BY n.nspname DESC;`,
    ].join('\n'),
  );
  if (!result.ok) throw new Error(`cannot read the catalog: ${result.error.message}`);
  const [roles, schemas, tables] = result.results.map((r) => r.rows);
  return {
    role: roles && roles.length > 0 ? String(roles[0]?.[0]) : null,
    schemas: (schemas ?? []).map((r) => String(r[0])),
    tables: new Map((tables ?? []).map((r) => [String(r[0]), String(r[1])])),
  };
}

/**
 * The monolith's code names tables without a schema, as an object-relational mapping would; each name is
 * qualified with the schema that holds the table now, so a table moved to another domain's schema is
 * reached there, and refused there when the role may not use that schema (42501).
 */
export function qualify(sql: string, tables: ReadonlyMap<string, string>): string {
  return sql.replaceAll(/\{([a-z_]+)\}/g, (_, name: string) => {
    const schema = tables.get(name);
    return schema ? `${ident(schema)}.${name}` : name;
  });
}

export async function runRequest(run: RunSql, service: AppService, request: ServiceRequest): Promise<RequestOutcome> {
  const conn = await connection(run, service);
  const code = conn.role ? 'split' : 'monolith';
  const sql = code === 'split' ? request.split.sql : qualify(request.monolith, conn.tables);
  const script = [
    'BEGIN;',
    // Whatever role a reader left the console in, the service connects as itself.
    'SET LOCAL ROLE NONE;',
    `SET LOCAL search_path TO ${[...conn.schemas.map(ident), 'public'].join(', ')};`,
    ...(conn.role ? [`SET LOCAL ROLE ${ident(conn.role)};`] : []),
    `${sql};`,
    'ROLLBACK;',
  ].join('\n');
  const result = await run(script);
  const base = { service, request: request.id, code, role: conn.role, sql } as const;
  if (!result.ok) {
    await run('ROLLBACK');
    return { ...base, ok: false, rows: 0, error: { code: result.error.code, message: result.error.message } };
  }
  const rows = result.results.at(-2)?.rows.length ?? 0;
  return { ...base, ok: true, rows };
}

/** Which database a service uses: Ticket moves to its own once that database holds a login for it. */
export async function databaseOf(service: AppService, dbs: ReadonlyMap<string, Database>): Promise<DatabaseName> {
  if (service !== 'ticket') return MONOLITH;
  const db = dbs.get(TICKET_DB);
  if (!db) return MONOLITH;
  const found = rowsOf(await db.query(`SELECT 1 FROM pg_roles WHERE rolname = ${sqlText(roleOf(service))}`));
  return found.length > 0 ? TICKET_DB : MONOLITH;
}

export interface ProbedRequest extends RequestOutcome {
  readonly database: string;
  /** For a request that calls other services: the request it serves, or nothing. */
  readonly calledBy?: string;
}

/** Runs every request a service sends (and the API calls its split code makes) against the real databases. */
export async function probeService(service: AppService, dbs: ReadonlyMap<string, Database>): Promise<ProbedRequest[]> {
  const outcomes: ProbedRequest[] = [];
  for (const request of appService(service).requests.filter((r) => !r.api)) {
    const outcome = await probeOne(service, request, dbs);
    outcomes.push(outcome);
    if (outcome.code !== 'split' || !outcome.ok) continue;
    for (const call of request.split.calls ?? []) {
      const callee = appService(call.service).requests.find((r) => r.id === call.request);
      if (!callee) throw new Error(`no request ${call.request} on ${call.service}`);
      outcomes.push({ ...(await probeOne(call.service, callee, dbs)), calledBy: `${service}/${request.id}` });
    }
  }
  return outcomes;
}

async function probeOne(service: AppService, request: ServiceRequest, dbs: ReadonlyMap<string, Database>): Promise<ProbedRequest> {
  const database = await databaseOf(service, dbs);
  const db = dbs.get(database);
  if (!db) throw new Error(`no database ${database}`);
  return { ...(await runRequest((sql) => db.query(sql), service, request)), database };
}

/** The monolith's query, run under the service's role whether or not the service runs it any more. */
export async function probeMonolithQuery(db: Database, service: AppService, request: ServiceRequest): Promise<RequestOutcome> {
  const run: RunSql = (sql) => db.query(sql);
  const conn = await connection(run, service);
  const sql = qualify(request.monolith, conn.tables);
  const role = conn.role ? [`SET LOCAL ROLE ${ident(conn.role)};`] : [];
  const result = await run(['BEGIN;', 'SET LOCAL ROLE NONE;', ...role, `${sql};`, 'ROLLBACK;'].join('\n'));
  const base = { service, request: request.id, code: 'monolith', role: conn.role, sql } as const;
  if (result.ok) return { ...base, ok: true, rows: result.results.at(-2)?.rows.length ?? 0 };
  await run('ROLLBACK');
  return { ...base, ok: false, rows: 0, error: { code: result.error.code, message: result.error.message } };
}
