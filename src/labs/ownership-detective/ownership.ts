/**
 * The lab's ownership rule, stated once: the services that write a table decide whether it has one owner,
 * none or several, and reads count for nothing. Which of the two shared cases it is depends on the data, not
 * on how many write it: a table of data no business domain owns (reference data) is in common ownership, a
 * table of a business domain is in joint ownership, however many services write it. The checks compute the
 * truth with these functions from the write log's rows, never from what the workload meant to do, so a
 * hidden month is judged by what really happened in it.
 */
import { domains } from '../ticket-system/domains.ts';

export type Ownership = 'single' | 'joint' | 'common' | 'none';

export interface TableOwnership {
  readonly table_name: string;
  readonly ownership: Ownership;
  /** The one writer of a singly owned table; null for every other kind. */
  readonly owner: string | null;
  /** Every service that wrote the table, sorted: the evidence behind the verdict. */
  readonly writers: readonly string[];
}

/** The tables the domain map puts in no business domain: the system's reference data (`zip_codes`). */
export const REFERENCE_TABLES: readonly string[] = domains.filter((d) => d.id === 'reference').flatMap((d) => d.tables);

export function classify(table: string, writers: Iterable<string>): TableOwnership {
  const sorted = [...new Set(writers)].sort();
  const [first] = sorted;
  if (sorted.length === 1 && first !== undefined) return { table_name: table, ownership: 'single', owner: first, writers: sorted };
  const ownership: Ownership = sorted.length === 0 ? 'none' : REFERENCE_TABLES.includes(table) ? 'common' : 'joint';
  return { table_name: table, ownership, owner: null, writers: sorted };
}

export interface LogRow {
  readonly service: string;
  readonly table_name: string;
  readonly op: string;
}

export const isWrite = (op: string) => op === 'INSERT' || op === 'UPDATE' || op === 'DELETE';

/** Every table the log mentions (read or written), with its ownership by the rule, sorted by table name. */
export function ownershipFromLog(rows: readonly LogRow[]): TableOwnership[] {
  const writers = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = writers.get(row.table_name) ?? new Set<string>();
    if (isWrite(row.op)) set.add(row.service);
    writers.set(row.table_name, set);
  }
  return [...writers].sort(([a], [b]) => a.localeCompare(b)).map(([table, set]) => classify(table, set));
}

/** The (service, table) pairs where a service read a table and never wrote it: reads that confer nothing. */
export function readOnlyPairs(rows: readonly LogRow[]): { service: string; table_name: string }[] {
  const wrote = new Set(rows.filter((r) => isWrite(r.op)).map((r) => `${r.service}\u0000${r.table_name}`));
  const pairs = new Map<string, { service: string; table_name: string }>();
  for (const r of rows) {
    const key = `${r.service}\u0000${r.table_name}`;
    if (r.op === 'SELECT' && !wrote.has(key)) pairs.set(key, { service: r.service, table_name: r.table_name });
  }
  return [...pairs.values()].sort((a, b) => a.service.localeCompare(b.service) || a.table_name.localeCompare(b.table_name));
}

export function describeWriters(writers: readonly string[]): string {
  return writers.length === 0 ? 'no service' : writers.join(', ');
}
