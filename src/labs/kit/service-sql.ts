/**
 * Small helpers for services that write their own SQL. Statements are built with literals rather than
 * parameters, so the trace shows each statement exactly as it ran and one local transaction
 * (BEGIN … COMMIT) fits in one call, on Postgres and SQLite alike.
 */
import type { Cell, QueryResult } from '../engine/types.ts';

/** A string as a SQL literal. */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An integer as SQL text; anything else is a bug in the caller. */
export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

/** The last statement's rows as objects; none when the statement failed (the trace shows why). */
export function rowsOf(result: QueryResult): Record<string, Cell>[] {
  if (!result.ok) return [];
  const last = result.results.at(-1);
  if (!last) return [];
  return last.rows.map((row) => Object.fromEntries(last.fields.map((field, i) => [field.name, row[i] ?? null])));
}

/** Wraps statements in one local transaction. */
export function transaction(statements: readonly string[]): string {
  return ['BEGIN;', ...statements.map((s) => (s.endsWith(';') ? s : `${s};`)), 'COMMIT;'].join('\n');
}
