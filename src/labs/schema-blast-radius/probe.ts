/**
 * Runs every service's queries against the databases they go to in one layout, straight on the real
 * databases, and reports each failure with Postgres's own error. Writes run inside a transaction that is
 * rolled back, so a probe changes nothing; positions are given relative to the query as the service sends it.
 */
import { requireDb } from '../check/select.ts';
import type { Database, SqlError } from '../engine/types.ts';
import { targetOf, type DatabaseName, type Layout } from '../ticket-system/layout.ts';
import { QUERIES, type AppService, type ServiceQuery } from '../ticket-system/queries.ts';

const OPEN = 'BEGIN;\n';

export interface QueryFailure {
  readonly service: AppService;
  readonly query: string;
  readonly database: DatabaseName;
  readonly code: string;
  readonly message: string;
  /** 1-based character offset into the query, when Postgres gives one. */
  readonly position: number | null;
}

/** Runs one query as the service would; a write is rolled back. Returns the error, or nothing when it ran. */
export async function probeQuery(db: Database, query: ServiceQuery): Promise<SqlError | undefined> {
  if (!query.writes) {
    const result = await db.query(query.sql);
    return result.ok ? undefined : result.error;
  }
  const result = await db.query(`${OPEN}${query.sql};\nROLLBACK;`);
  if (result.ok) return undefined;
  const { position, ...rest } = result.error;
  const inQuery = position !== undefined && position > OPEN.length ? { position: position - OPEN.length } : {};
  return { ...rest, ...inQuery };
}

/** Every failing (service, query) in a layout, in the order the services list their queries. */
export async function probeLayout(dbs: ReadonlyMap<string, Database>, layout: Layout): Promise<QueryFailure[]> {
  const failures: QueryFailure[] = [];
  for (const query of QUERIES) {
    const database = targetOf(query.service, layout);
    const error = await probeQuery(requireDb(dbs, database), query);
    if (error) {
      failures.push({
        service: query.service,
        query: query.id,
        database,
        code: error.code,
        message: error.message,
        position: error.position ?? null,
      });
    }
  }
  return failures;
}

/** The services with at least one failing query, in service order. */
export function brokenServices(failures: readonly QueryFailure[]): AppService[] {
  return [...new Set(failures.map((f) => f.service))];
}
