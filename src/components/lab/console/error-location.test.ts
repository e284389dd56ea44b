import { describe, expect, it } from 'vitest';
import { formatErrorLine, locateError, shiftPosition } from './error-location.ts';

describe('locateError', () => {
  it('finds a token on the first line and spans the whole word', () => {
    expect(locateError('selec 1', 1)).toEqual({ line: 1, column: 1, start: 0, end: 5 });
    expect(locateError('select * form t', 10)).toEqual({ line: 1, column: 10, start: 9, end: 13 });
  });

  it('counts lines and restarts columns after each newline', () => {
    const sql = 'select 1;\nselect * from nope';
    expect(locateError(sql, 25)).toEqual({ line: 2, column: 15, start: 24, end: 28 });
  });

  it('counts characters as Postgres does, not UTF-16 units', () => {
    // Postgres reported position 16 for this text: the emoji is one character, two UTF-16 units.
    const sql = "select 'é😀' || x from (select 1) t";
    const location = locateError(sql, 16);
    expect(location).toMatchObject({ line: 1, column: 16 });
    expect(sql.slice(location?.start, location?.end)).toBe('x');
  });

  it('underlines the last visible character for an error at the end of input', () => {
    // Postgres says "syntax error at end of input" with the position just past the text.
    expect(locateError('select (', 9)).toEqual({ line: 1, column: 9, start: 7, end: 8 });
    expect(locateError('select 1 from  \n', 17)).toEqual({ line: 2, column: 1, start: 12, end: 13 });
  });

  it('underlines a quoted literal or identifier as one token, stopping at its first line', () => {
    expect(locateError(`select "Bad Name" from t`, 8)).toMatchObject({ start: 7, end: 17 });
    expect(locateError(`select 'abc\ndef`, 8)).toMatchObject({ start: 7, end: 11 });
  });

  it('underlines one character for punctuation', () => {
    expect(locateError('select 1,, 2', 10)).toMatchObject({ start: 9, end: 10 });
  });

  it('ignores positions the engine did not give or that fall outside the text', () => {
    expect(locateError('select 1', undefined)).toBeUndefined();
    expect(locateError('select 1', 0)).toBeUndefined();
    expect(locateError('select 1', 1.5)).toBeUndefined();
    expect(locateError('select 1', 20)).toBeUndefined();
  });

  it('handles empty text', () => {
    expect(locateError('', 1)).toEqual({ line: 1, column: 1, start: 0, end: 0 });
  });
});

describe('shiftPosition', () => {
  it('adds the characters before the submitted selection', () => {
    const full = 'select 1;\nselec 2;';
    expect(shiftPosition(full, 10, 1)).toBe(11);
    expect(locateError(full, shiftPosition(full, 10, 1))).toMatchObject({ line: 2, column: 1 });
  });

  it('counts the prefix in characters', () => {
    expect(shiftPosition('😀;selec', 3, 1)).toBe(3);
  });

  it('keeps an absent position absent', () => {
    expect(shiftPosition('abc', 1, undefined)).toBeUndefined();
  });
});

describe('formatErrorLine', () => {
  const error = { message: 'syntax error at or near "selec"', code: '42601' };

  it('names the code, line and column', () => {
    expect(formatErrorLine(error, locateError('select selec', 8))).toBe('ERROR 42601 at line 1, column 8: syntax error at or near "selec"');
  });

  it('leaves out what the engine did not report', () => {
    expect(formatErrorLine(error, undefined)).toBe('ERROR 42601: syntax error at or near "selec"');
    expect(formatErrorLine({ message: 'gone', code: '' }, undefined)).toBe('ERROR: gone');
  });
});
