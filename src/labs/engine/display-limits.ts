/**
 * Results are capped before they leave an engine, so a reader's `SELECT * FROM generate_series(1, 1e7)`
 * cannot flood the page or the message channel between worker and page.
 */
import type { Cell } from './types.ts';

export const MAX_ROWS = 1000;
export const MAX_CELL_CHARS = 500;
export const MAX_COLUMNS = 40;
/**
 * All the text one result may carry to the page. Rows and cells alone still allow 1,000 × 40 × 500 characters,
 * which takes the page seconds to lay out; this keeps any result drawable in well under a frame budget's worth
 * of tasks.
 */
export const MAX_RESULT_CHARS = 200_000;

export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  return JSON.stringify(value);
}

/** Caps columns, rows, cells and the result's total text; returns what is kept and a notice when anything was cut. */
export function capRows(
  rows: readonly (readonly unknown[])[],
  totalRows = rows.length,
): { rows: Cell[][]; columns: number; notice?: string } {
  let longCells = 0;
  let chars = 0;
  const columns = Math.min(
    MAX_COLUMNS,
    rows.reduce((max, row) => Math.max(max, row.length), 0),
  );
  const kept: Cell[][] = [];
  for (const row of rows.slice(0, MAX_ROWS)) {
    if (chars >= MAX_RESULT_CHARS) break;
    const cells = row.slice(0, MAX_COLUMNS).map((value) => {
      const cell = toCell(value);
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        longCells++;
        chars += MAX_CELL_CHARS;
        return `${cell.slice(0, MAX_CELL_CHARS)}…`;
      }
      chars += typeof cell === 'string' ? cell.length : 8;
      return cell;
    });
    kept.push(cells);
  }
  const notes: string[] = [];
  if (kept.length < totalRows)
    notes.push(`showing the first ${kept.length.toLocaleString('en')} of ${totalRows.toLocaleString('en')} rows`);
  const widest = rows.reduce((max, row) => Math.max(max, row.length), 0);
  if (widest > MAX_COLUMNS) notes.push(`showing the first ${MAX_COLUMNS} of ${widest} columns`);
  if (longCells > 0) notes.push(`${longCells} long value${longCells === 1 ? '' : 's'} cut at ${MAX_CELL_CHARS} characters`);
  return notes.length > 0 ? { rows: kept, columns, notice: notes.join('; ') } : { rows: kept, columns };
}
