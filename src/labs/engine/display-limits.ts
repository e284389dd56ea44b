/**
 * Results are capped before they leave an engine, so a reader's `SELECT * FROM generate_series(1, 1e7)`
 * cannot flood the page or the message channel between worker and page.
 */
import type { Cell } from './types.ts';

export const MAX_ROWS = 1000;
export const MAX_CELL_CHARS = 500;

export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  return JSON.stringify(value);
}

/** Caps rows and cells; returns the capped rows and a notice when anything was cut. */
export function capRows(rows: readonly (readonly unknown[])[]): { rows: Cell[][]; notice?: string } {
  let longCells = 0;
  const kept = rows.slice(0, MAX_ROWS).map((row) =>
    row.map((value) => {
      const cell = toCell(value);
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        longCells++;
        return `${cell.slice(0, MAX_CELL_CHARS)}…`;
      }
      return cell;
    }),
  );
  const notes: string[] = [];
  if (rows.length > MAX_ROWS) notes.push(`showing the first ${MAX_ROWS} of ${rows.length} rows`);
  if (longCells > 0) notes.push(`${longCells} long value${longCells === 1 ? '' : 's'} cut at ${MAX_CELL_CHARS} characters`);
  return notes.length > 0 ? { rows: kept, notice: notes.join('; ') } : { rows: kept };
}
