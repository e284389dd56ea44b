/**
 * How the monolith tells what a statement touched: Postgres counts, per table, the scans it ran and the rows
 * it inserted, updated and deleted. The monolith reads those counters before and after each statement,
 * inside one transaction, and the difference is what that statement did, triggers and foreign-key checks
 * included. Postgres keeps recent counts in the backend (`pg_stat_xact_user_tables`) and moves them to the
 * shared totals (`pg_stat_user_tables`) now and then, even between two statements of one transaction here,
 * so the lab reads the sum of both, fresh on every read, which that move leaves unchanged.
 */
import type { Cell, QueryResult } from '../engine/types.ts';

/** Run right after BEGIN: without it, a transaction would keep seeing the shared totals of its first read. */
export const FRESH_COUNTERS_SQL = 'SET LOCAL stats_fetch_consistency = none';

export const COUNTERS_SQL = `SELECT s.relname,
  s.seq_scan + x.seq_scan + coalesce(s.idx_scan, 0) + coalesce(x.idx_scan, 0) AS scans,
  s.seq_tup_read + x.seq_tup_read + coalesce(s.idx_tup_fetch, 0) + coalesce(x.idx_tup_fetch, 0) AS rows_read,
  s.n_tup_ins + x.n_tup_ins AS inserted,
  s.n_tup_upd + x.n_tup_upd AS updated,
  s.n_tup_del + x.n_tup_del AS deleted
FROM pg_stat_user_tables s JOIN pg_stat_xact_user_tables x USING (relid)
WHERE s.schemaname = 'public'
ORDER BY s.relname`;

export interface TableCounters {
  readonly scans: number;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

export type Op = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface Touch {
  readonly table_name: string;
  readonly op: Op;
  /** Rows written, or for a read the rows Postgres fetched from the table. */
  readonly rows: number;
}

const num = (cell: Cell | undefined) => Number(cell ?? 0);

export function readCounters(result: QueryResult): Map<string, TableCounters> {
  if (!result.ok) throw new Error(`cannot read table counters: ${result.error.message}`);
  const rows = result.results.at(-1)?.rows ?? [];
  return new Map(
    rows.map((r) => [String(r[0]), { scans: num(r[1]), rowsRead: num(r[2]), inserted: num(r[3]), updated: num(r[4]), deleted: num(r[5]) }]),
  );
}

const ZERO: TableCounters = { scans: 0, rowsRead: 0, inserted: 0, updated: 0, deleted: 0 };

/**
 * What changed between two readings. A table the statement wrote is logged with its writes only (an
 * UPDATE also scans its table, which says nothing new); a table it only scanned is logged as a read.
 */
export function touches(before: ReadonlyMap<string, TableCounters>, after: ReadonlyMap<string, TableCounters>): Touch[] {
  const result: Touch[] = [];
  for (const [table, now] of [...after].sort(([a], [b]) => a.localeCompare(b))) {
    const then = before.get(table) ?? ZERO;
    const writes: Touch[] = [
      { table_name: table, op: 'INSERT' as const, rows: now.inserted - then.inserted },
      { table_name: table, op: 'UPDATE' as const, rows: now.updated - then.updated },
      { table_name: table, op: 'DELETE' as const, rows: now.deleted - then.deleted },
    ].filter((t) => t.rows > 0);
    if (writes.length > 0) result.push(...writes);
    else if (now.scans > then.scans) result.push({ table_name: table, op: 'SELECT', rows: now.rowsRead - then.rowsRead });
  }
  return result;
}
