import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clearProgress,
  EMPTY_PROGRESS,
  exportProgress,
  importProgress,
  loadProgress,
  parseExport,
  PROGRESS_KEY,
  recordEvent,
  stateOf,
  type KeyValueStore,
  type ProgressEvent,
} from './progress.ts';

/** A store like localStorage, which can be told to refuse writes as a full one does. */
function memory(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  let full = false;
  const store: KeyValueStore = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
  return { store, data, setFull: (value: boolean) => (full = value) };
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute));

describe('progress record', () => {
  it('keeps each exercise’s first try, solve and reveal across reads, as across reloads', () => {
    const { store } = memory();
    recordEvent(store, 'two-phase-commit/strand-a-transfer', 'tried', at(1));
    recordEvent(store, 'two-phase-commit/strand-a-transfer', 'tried', at(2));
    recordEvent(store, 'two-phase-commit/strand-a-transfer', 'solved', at(3));
    recordEvent(store, 'order-saga/pass-the-held-row', 'revealed', at(4));
    const load = loadProgress(store);
    expect(load).toEqual({
      ok: true,
      record: {
        v: 2,
        exercises: {
          'two-phase-commit/strand-a-transfer': { tried: at(1).toISOString(), solved: at(3).toISOString() },
          'order-saga/pass-the-held-row': { revealed: at(4).toISOString() },
        },
      },
    });
    if (!load.ok) return;
    expect(stateOf(load.record.exercises['two-phase-commit/strand-a-transfer'])).toBe('solved');
    expect(stateOf(load.record.exercises['order-saga/pass-the-held-row'])).toBe('revealed');
    expect(stateOf(undefined)).toBe('not-started');
  });

  it('carries the first version’s completions forward as solved exercises', () => {
    const { store } = memory('{"v":1,"completed":{"two-phase-commit/prove-the-lock":{"at":"2026-11-24T10:05:00.000Z"}}}');
    const saved = recordEvent(store, 'order-saga/pass-the-held-row', 'tried', at(1));
    expect(saved.saved).toBe(true);
    expect(loadProgress(store)).toMatchObject({
      ok: true,
      record: { v: 2, exercises: { 'two-phase-commit/prove-the-lock': { solved: '2026-11-24T10:05:00.000Z' } } },
    });
  });

  it('never overwrites a record it cannot read, and says why', () => {
    for (const raw of ['{not json', '{"v":3,"exercises":{},"badges":[]}', '{"v":2,"exercises":{"x":{"solved":"yesterday"}}}']) {
      const { store, data } = memory(raw);
      const saved = recordEvent(store, 'order-saga/pass-the-held-row', 'solved', at(1));
      expect(saved.saved).toBe(false);
      if (!saved.saved) expect(saved.reason).toMatch(/could not be read because .+; it was left untouched/);
      expect(data.get(PROGRESS_KEY)).toBe(raw);
      expect(importProgress(store, exportProgress(EMPTY_PROGRESS, at(2))).saved).toBe(false);
      expect(data.get(PROGRESS_KEY)).toBe(raw);
    }
  });

  it('says so when storage is full, instead of claiming it saved', () => {
    const { store, setFull } = memory();
    recordEvent(store, 'order-saga/pass-the-held-row', 'tried', at(1));
    setFull(true);
    const saved = recordEvent(store, 'order-saga/pass-the-held-row', 'solved', at(2));
    expect(saved).toEqual({ saved: false, reason: 'the browser’s storage for this site is full' });
    expect(loadProgress(store)).toMatchObject({
      ok: true,
      record: { exercises: { 'order-saga/pass-the-held-row': { tried: at(1).toISOString() } } },
    });
    expect(recordEvent(undefined, 'a/b', 'solved', at(1)).saved).toBe(false);
  });

  it('round-trips through an exported file: export, clear, import gives the same record', () => {
    const { store } = memory();
    recordEvent(store, 'two-phase-commit/strand-a-transfer', 'solved', at(1));
    recordEvent(store, 'order-saga/pass-the-held-row', 'tried', at(2));
    const before = loadProgress(store);
    const file = exportProgress(before.ok ? before.record : EMPTY_PROGRESS, at(3), '  Ada  ');
    expect(parseExport(file)).toMatchObject({ ok: true, file: { learner: 'Ada' } });
    expect(clearProgress(store).saved).toBe(true);
    expect(loadProgress(store)).toEqual({ ok: true, record: EMPTY_PROGRESS });
    expect(importProgress(store, file).saved).toBe(true);
    expect(loadProgress(store)).toEqual(before);
  });

  it('refuses a damaged or foreign file with a clear message and changes nothing', () => {
    const { store, data } = memory();
    recordEvent(store, 'two-phase-commit/strand-a-transfer', 'solved', at(1));
    const stored = data.get(PROGRESS_KEY);
    const good = exportProgress({ v: 2, exercises: { 'order-saga/pass-the-held-row': { solved: at(2).toISOString() } } }, at(3));
    const cases: [string, RegExp][] = [
      [good.slice(0, 60), /not valid JSON/],
      ['{"name":"my-app","version":"1.0.0"}', /not a progress file from this site/],
      [good.replace('"v": 2', '"v": 7'), /another version of this site \(version 7\)/],
      [good.replace('order-saga/pass-the-held-row', '<script>'), /damaged: "<script>" is not an exercise/],
      [good.replace(at(2).toISOString(), 'soon'), /damaged: .* not a date/],
    ];
    for (const [text, message] of cases) {
      const result = importProgress(store, text);
      expect(result.saved).toBe(false);
      if (!result.saved) expect(result.reason).toMatch(message);
      expect(data.get(PROGRESS_KEY)).toBe(stored);
    }
  });

  it('loses nothing readable over random saves, corruptions, foreign versions and full storage (property)', () => {
    const key = fc.constantFrom('a/one', 'a/two', 'b/three');
    const step = fc.oneof(
      fc.record({ kind: fc.constant('event' as const), key, event: fc.constantFrom<ProgressEvent>('tried', 'solved', 'revealed') }),
      fc.record({ kind: fc.constant('corrupt' as const), raw: fc.constantFrom('{', '{"v":9,"exercises":{}}', 'null', '[]') }),
      fc.record({ kind: fc.constant('full' as const), on: fc.boolean() }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const { store, data, setFull } = memory();
        // What the reader was told is saved, as the model of what must still be there.
        let promised = new Map<string, ProgressEvent[]>();
        let minute = 0;
        for (const s of steps) {
          minute++;
          const before = data.get(PROGRESS_KEY);
          if (s.kind === 'event') {
            const result = recordEvent(store, s.key, s.event, at(minute));
            if (result.saved) promised.set(s.key, [...new Set([...(promised.get(s.key) ?? []), s.event])]);
            else expect(data.get(PROGRESS_KEY)).toBe(before);
          } else if (s.kind === 'corrupt') {
            data.set(PROGRESS_KEY, s.raw);
            promised = new Map();
          } else if (s.kind === 'full') {
            setFull(s.on);
          } else if (clearProgress(store).saved) {
            promised = new Map();
          }
          const load = loadProgress(store);
          if (!load.ok) {
            // Unreadable: it must be exactly what was put there, untouched since.
            expect(load.raw).toBe(data.get(PROGRESS_KEY));
            continue;
          }
          for (const [k, events] of promised) for (const e of events) expect(load.record.exercises[k]?.[e]).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
