import { describe, expect, it } from 'vitest';
import { exerciseKey, markCompleted, PROGRESS_KEY, readProgress, type KeyValueStore } from './progress.ts';

function memory(initial?: string): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('exercise progress', () => {
  it('keeps completions across reads, as across reloads', () => {
    const store = memory();
    markCompleted(store, exerciseKey('two-phase-commit', 'strand-a-transfer'), new Date('2026-11-24T10:00:00Z'));
    markCompleted(store, exerciseKey('two-phase-commit', 'prove-the-lock'), new Date('2026-11-24T10:05:00Z'));
    expect(readProgress(store).completed).toEqual({
      'two-phase-commit/strand-a-transfer': { at: '2026-11-24T10:00:00.000Z' },
      'two-phase-commit/prove-the-lock': { at: '2026-11-24T10:05:00.000Z' },
    });
  });

  it('reads a damaged or foreign record as empty instead of failing', () => {
    expect(readProgress(memory('{not json')).completed).toEqual({});
    expect(readProgress(memory('{"v":9,"completed":{"x":1}}')).completed).toEqual({});
    expect(readProgress(undefined).completed).toEqual({});
  });
});
