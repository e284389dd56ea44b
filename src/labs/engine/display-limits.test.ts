import { describe, expect, it } from 'vitest';
import { capRows, MAX_CELL_CHARS, MAX_COLUMNS, MAX_RESULT_CHARS, MAX_ROWS } from './display-limits.ts';

const chars = (rows: readonly (readonly unknown[])[]) =>
  rows.flat().reduce<number>((n, c) => n + (typeof c === 'string' ? c.length : 0), 0);

describe('display limits', () => {
  it('keeps a small result whole, with no notice', () => {
    expect(capRows([[1, 'a', null]])).toEqual({ rows: [[1, 'a', null]], columns: 3 });
  });

  it('caps a result as wide and long as the engines allow, so the page can draw it at once', () => {
    const wide = Array.from({ length: 1000 }, () => Array.from({ length: 101 }, () => 'x'.repeat(500)));
    const capped = capRows(wide);
    expect(capped.columns).toBe(MAX_COLUMNS);
    expect(capped.rows.every((r) => r.length === MAX_COLUMNS)).toBe(true);
    expect(chars(capped.rows)).toBeLessThanOrEqual(MAX_RESULT_CHARS + MAX_COLUMNS * (MAX_CELL_CHARS + 1));
    expect(capped.notice).toBe(`showing the first ${capped.rows.length} of 1,000 rows; showing the first ${MAX_COLUMNS} of 101 columns`);
  });

  it('says how many rows there were when only the first were kept, and cuts long values', () => {
    const rows = Array.from({ length: MAX_ROWS }, (_, i) => [i, i === 0 ? 'y'.repeat(MAX_CELL_CHARS + 5) : 'short']);
    const capped = capRows(rows, 2_500_000);
    expect(capped.rows).toHaveLength(MAX_ROWS);
    expect(capped.rows[0]?.[1]).toBe(`${'y'.repeat(MAX_CELL_CHARS)}…`);
    expect(capped.notice).toBe(`showing the first 1,000 of 2,500,000 rows; 1 long value cut at ${MAX_CELL_CHARS} characters`);
  });
});
