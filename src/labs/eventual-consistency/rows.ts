/** Reads one statement's rows out of a script's results, for services that wrap statements in BEGIN … COMMIT. */
import type { Cell, QueryResult } from '../engine/types.ts';

/** The rows of the statement at `index` in a script (index 0 is the BEGIN); none when the script failed. */
export function rowsAt(result: QueryResult, index: number): Record<string, Cell>[] {
  if (!result.ok) return [];
  const set = result.results[index];
  if (!set) return [];
  return set.rows.map((row) => Object.fromEntries(set.fields.map((f, i) => [f.name, row[i] ?? null])));
}
