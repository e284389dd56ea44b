import type { Cell, QueryResult, ResultSet } from '../../../labs/engine/types.ts';

/** Commands whose tag carries a row count, as psql prints them (`UPDATE 1`, `DELETE 0`). */
const COUNTED_COMMANDS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY', 'FETCH', 'MOVE']);

/** A statement returns rows when it has columns, even with zero rows (`INSERT … RETURNING` too). */
export function hasRows(set: ResultSet): boolean {
  return set.fields.length > 0;
}

export function rowCount(count: number): string {
  return count === 1 ? '1 row' : `${count} rows`;
}

/** The command tag: `UPDATE 1`, `CREATE TABLE`, `BEGIN`. */
export function commandTag(set: ResultSet): string {
  const command = set.command.trim().toUpperCase();
  if (command === '') return 'OK';
  return COUNTED_COMMANDS.has(command) ? `${command} ${set.affectedRows}` : command;
}

/** Caption of a result table: the command and how many rows are shown. */
export function resultCaption(set: ResultSet): string {
  const command = set.command.trim().toUpperCase();
  const rows = rowCount(set.rows.length);
  return command === '' ? rows : `${command}: ${rows}`;
}

/** One line per statement for a screen reader: `3 rows`, `UPDATE 1`, `error 42601`. */
export function announcement(result: QueryResult): string {
  if (!result.ok) {
    const code = result.error.code === '' ? '' : ` ${result.error.code}`;
    return `Statement failed with error${code} after ${formatDuration(result.durationMs)}`;
  }
  if (result.results.length === 0) return `Done in ${formatDuration(result.durationMs)}`;
  const parts = result.results.map((set) => (hasRows(set) ? rowCount(set.rows.length) : commandTag(set)));
  return `${parts.join(', ')} in ${formatDuration(result.durationMs)}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '? ms';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export interface DisplayCell {
  readonly text: string;
  readonly isNull: boolean;
}

/** What a cell shows. NULL is flagged so it can be styled apart from the string `'NULL'`. */
export function displayCell(cell: Cell): DisplayCell {
  if (cell === null) return { text: 'NULL', isNull: true };
  return { text: String(cell), isNull: false };
}
