import { describe, expect, it } from 'vitest';
import { FORCES, SCORECARD_KEY, readScorecard, recommend, writeScorecard, type Rating, type Ratings } from './scorecard.ts';

function rate(disintegrators: Rating, integrators: Rating, overrides: Ratings = {}): Ratings {
  return { ...Object.fromEntries(FORCES.map((f) => [f.id, f.kind === 'disintegrator' ? disintegrators : integrators])), ...overrides };
}

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

describe('the scorecard recommendation', () => {
  it('waits until every force is rated, and names the ones left', () => {
    const result = recommend({ 'change-control': 'strong' });
    expect(result.verdict).toBe('incomplete');
    expect(result.missing.map((f) => f.id)).toEqual(FORCES.slice(1).map((f) => f.id));
    expect(recommend({}).headline).toBe('Rate 8 more forces to get a recommendation.');
  });

  it('keeps tables together when nothing pushes, or only weakly against integrators', () => {
    expect(recommend(rate('none', 'strong')).verdict).toBe('keep-together');
    expect(recommend(rate('none', 'none')).verdict).toBe('keep-together');
    expect(recommend(rate('none', 'some', { scalability: 'strong' })).verdict).toBe('keep-together');
  });

  it('splits when nothing holds them together', () => {
    const result = recommend(rate('none', 'none', { 'fault-tolerance': 'some' }));
    expect(result.verdict).toBe('split');
    expect(result.drivers.map((d) => d.force.id)).toEqual(['fault-tolerance']);
  });

  it('splits outright only when the disintegrators win by a clear margin', () => {
    expect(recommend(rate('strong', 'none', { relationships: 'some' })).verdict).toBe('split');
    expect(recommend(rate('strong', 'strong')).verdict).toBe('data-domain');
    expect(recommend(rate('some', 'some')).verdict).toBe('data-domain');
  });

  it('explains with the scores and lists the answers that drove it, strongest first', () => {
    const result = recommend(rate('none', 'none', { 'change-control': 'some', connections: 'strong', transactions: 'some' }));
    expect(result).toMatchObject({ verdict: 'data-domain', pull: 3, hold: 2 });
    expect(result.reasoning[0]).toContain('Disintegrators score 3 of 12; integrators score 2 of 8');
    expect(result.drivers.map((d) => `${d.force.id} ${d.rating}`)).toEqual([
      'connections strong',
      'change-control some',
      'transactions some',
    ]);
  });
});

describe('the saved scorecard', () => {
  it('round-trips through a versioned key and ignores what it does not know', () => {
    const store = memoryStore();
    writeScorecard(store, { v: 1, group: 'customers-invoices', ratings: { quanta: 'some' } });
    expect(store.data.has(SCORECARD_KEY)).toBe(true);
    expect(readScorecard(store)).toEqual({ v: 1, group: 'customers-invoices', ratings: { quanta: 'some' } });
    const odd = memoryStore({ [SCORECARD_KEY]: JSON.stringify({ v: 1, group: 'nope', ratings: { quanta: 'huge', bogus: 'some' } }) });
    expect(readScorecard(odd)).toEqual({ v: 1, group: '', ratings: {} });
    expect(readScorecard(memoryStore({ [SCORECARD_KEY]: '{broken' }))).toEqual({ v: 1, group: '', ratings: {} });
    expect(readScorecard(memoryStore({ [SCORECARD_KEY]: JSON.stringify({ v: 2, ratings: {} }) }))).toEqual({
      v: 1,
      group: '',
      ratings: {},
    });
  });
});
