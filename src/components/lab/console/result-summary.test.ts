import { describe, expect, it } from 'vitest';
import type { ResultSet } from '../../../labs/engine/types.ts';
import { announcement, commandTag, displayCell, formatDuration, hasRows, resultCaption, rowCount } from './result-summary.ts';

const select3: ResultSet = {
  command: 'SELECT',
  fields: [{ name: 'id', type: 'int4' }],
  rows: [[1], [2], [3]],
  affectedRows: 3,
};
const update1: ResultSet = { command: 'UPDATE', fields: [], rows: [], affectedRows: 1 };
const createTable: ResultSet = { command: 'CREATE TABLE', fields: [], rows: [], affectedRows: 0 };
const emptySelect: ResultSet = { command: 'SELECT', fields: [{ name: 'id', type: '' }], rows: [], affectedRows: 0 };

describe('command tags and captions', () => {
  it('counts rows in the tags of counting commands only', () => {
    expect(commandTag(update1)).toBe('UPDATE 1');
    expect(commandTag({ ...update1, command: 'delete', affectedRows: 0 })).toBe('DELETE 0');
    expect(commandTag(createTable)).toBe('CREATE TABLE');
    expect(commandTag({ ...createTable, command: '' })).toBe('OK');
  });

  it('treats any statement with columns as returning rows', () => {
    expect(hasRows(select3)).toBe(true);
    expect(hasRows(emptySelect)).toBe(true);
    expect(hasRows(update1)).toBe(false);
  });

  it('captions a table with its command and shown rows', () => {
    expect(resultCaption(select3)).toBe('SELECT: 3 rows');
    expect(resultCaption({ ...select3, rows: [[1]] })).toBe('SELECT: 1 row');
    expect(resultCaption(emptySelect)).toBe('SELECT: 0 rows');
    expect(resultCaption({ ...select3, command: '' })).toBe('3 rows');
  });

  it('pluralises', () => {
    expect(rowCount(0)).toBe('0 rows');
    expect(rowCount(1)).toBe('1 row');
  });
});

describe('announcement', () => {
  it('says how many rows each statement gave and how long it took', () => {
    expect(announcement({ ok: true, results: [select3], durationMs: 4.2 })).toBe('3 rows in 4.2 ms');
    expect(announcement({ ok: true, results: [update1, select3], durationMs: 12 })).toBe('UPDATE 1, 3 rows in 12 ms');
    expect(announcement({ ok: true, results: [], durationMs: 1 })).toBe('Done in 1.0 ms');
  });

  it('says error and the code', () => {
    const failed = { ok: false, error: { message: 'boom', code: '42601' }, durationMs: 2 } as const;
    expect(announcement(failed)).toBe('Statement failed with error 42601 after 2.0 ms');
  });
});

describe('formatDuration', () => {
  it('keeps a decimal for fast statements and switches to seconds for slow ones', () => {
    expect(formatDuration(0.25)).toBe('0.3 ms');
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(Number.NaN)).toBe('? ms');
  });
});

describe('displayCell', () => {
  it('marks NULL apart from the text NULL', () => {
    expect(displayCell(null)).toEqual({ text: 'NULL', isNull: true });
    expect(displayCell('NULL')).toEqual({ text: 'NULL', isNull: false });
  });

  it('shows values as plain text, markup included', () => {
    expect(displayCell('<b>x</b>')).toEqual({ text: '<b>x</b>', isNull: false });
    expect(displayCell(false)).toEqual({ text: 'false', isNull: false });
    expect(displayCell(0)).toEqual({ text: '0', isNull: false });
  });
});
