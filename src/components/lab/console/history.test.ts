import { describe, expect, it } from 'vitest';
import {
  AT_DRAFT,
  HISTORY_LIMIT,
  historyStorageKey,
  parseHistory,
  previewLine,
  readHistory,
  remember,
  serializeHistory,
  step,
  writeHistory,
  type History,
  type HistoryCursor,
} from './history.ts';

describe('remember', () => {
  it('appends trimmed statements and ignores blank ones', () => {
    expect(remember([], '  select 1;  ')).toEqual(['select 1;']);
    expect(remember(['a'], '   \n')).toEqual(['a']);
  });

  it('moves a repeated statement to the newest place instead of keeping two', () => {
    expect(remember(['a', 'b', 'c'], 'a')).toEqual(['b', 'c', 'a']);
  });

  it('drops the oldest entries beyond the limit', () => {
    let history: History = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) history = remember(history, `select ${i}`);
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]).toBe('select 5');
    expect(history.at(-1)).toBe(`select ${HISTORY_LIMIT + 4}`);
    expect(remember(['a', 'b', 'c'], 'd', 2)).toEqual(['c', 'd']);
  });
});

describe('step', () => {
  const history = ['first', 'second', 'third'];

  it('walks back from the draft to the oldest entry and stops there', () => {
    const texts: string[] = [];
    let cursor: HistoryCursor = AT_DRAFT;
    for (;;) {
      const next = step(history, cursor, -1, 'my draft');
      if (next === undefined) break;
      texts.push(next.text);
      cursor = next.cursor;
    }
    expect(texts).toEqual(['third', 'second', 'first']);
    expect(cursor).toEqual({ index: 0, draft: 'my draft' });
  });

  it('walks forward and gives the draft back after the newest entry', () => {
    const back = step(history, AT_DRAFT, -1, 'my draft');
    expect(back?.text).toBe('third');
    const forward = back && step(history, back.cursor, 1, 'third');
    expect(forward).toEqual({ cursor: { index: null, draft: 'my draft' }, text: 'my draft' });
    expect(forward && step(history, forward.cursor, 1, 'my draft')).toBeUndefined();
  });

  it('has nowhere to go without history', () => {
    expect(step([], AT_DRAFT, -1, 'x')).toBeUndefined();
    expect(step([], AT_DRAFT, 1, 'x')).toBeUndefined();
  });
});

describe('storage', () => {
  it('round-trips through its versioned record', () => {
    const stored = serializeHistory(['a', 'b']);
    expect(JSON.parse(stored)).toEqual({ v: 1, entries: ['a', 'b'] });
    expect(parseHistory(stored)).toEqual(['a', 'b']);
  });

  it('treats anything malformed as empty', () => {
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory('not json')).toEqual([]);
    expect(parseHistory('{"v":2,"entries":["a"]}')).toEqual([]);
    expect(parseHistory('{"v":1,"entries":"a"}')).toEqual([]);
    expect(parseHistory('{"v":1,"entries":["a",3,null,"b"]}')).toEqual(['a', 'b']);
    expect(parseHistory('[1]')).toEqual([]);
  });

  it('keeps only the newest entries of an oversized record', () => {
    expect(parseHistory(serializeHistory(['a', 'b', 'c']), 2)).toEqual(['b', 'c']);
  });

  it('reads and writes under the prefixed key and survives a refusing storage', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (key: string) => map.get(key) ?? null,
      setItem: (key: string, value: string) => void map.set(key, value),
    };
    writeHistory(storage, 'lab-2pc', ['select 1']);
    expect([...map.keys()]).toEqual([historyStorageKey('lab-2pc')]);
    expect(readHistory(storage, 'lab-2pc')).toEqual(['select 1']);

    const refusing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readHistory(refusing, 'x')).toEqual([]);
    expect(() => writeHistory(refusing, 'x', ['a'])).not.toThrow();
    expect(readHistory(undefined, 'x')).toEqual([]);
  });
});

describe('previewLine', () => {
  it('flattens whitespace and shortens long statements', () => {
    expect(previewLine('select *\n  from t')).toBe('select * from t');
    expect(previewLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
