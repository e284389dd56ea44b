/** One line that says what a statement did, for the trace: no timings, so it is the same on every run. */
import type { QueryResult } from '../engine/types.ts';

export function describeOutcome(result: QueryResult): string {
  if (!result.ok) return `ERROR ${result.error.code}: ${result.error.message}`;
  const last = result.results.at(-1);
  if (!last) return 'OK';
  if (last.fields.length > 0) return `${last.rows.length} row${last.rows.length === 1 ? '' : 's'}`;
  return last.affectedRows > 0 ? `OK, ${last.affectedRows} row${last.affectedRows === 1 ? '' : 's'} changed` : 'OK';
}
