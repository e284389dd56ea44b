import { describe, expect, it } from 'vitest';
import { statusText } from './outcome.ts';

describe('statusText', () => {
  it('says nothing before the first run', () => {
    expect(statusText(null, undefined)).toBe('');
  });

  it('names the database while a statement runs', () => {
    expect(statusText(null, 'Payments')).toBe('Running on Payments…');
  });

  it('summarises results and errors', () => {
    const result = { ok: true, results: [], durationMs: 3 } as const;
    expect(statusText({ kind: 'result', result, location: undefined }, undefined)).toBe('Done in 3.0 ms');
    expect(statusText({ kind: 'stopped' }, undefined)).toMatch(/^Stopped\./);
    expect(statusText({ kind: 'unavailable', message: 'worker gone' }, undefined)).toBe(
      'The database could not run the statement (error: worker gone)',
    );
  });
});
