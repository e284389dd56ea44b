/** The lab's figures, computed from the facts its services recorded; the Measured panel and the comparison read them. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { Feed, FeedsFact, Logic, SyncMode } from './messages.ts';

type Facts = readonly RecordedFact<FeedsFact>[];
type Of<K extends FeedsFact['kind']> = Extract<FeedsFact, { kind: K }>;

function only<K extends FeedsFact['kind']>(facts: Facts, kind: K): Of<K>[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [f.fact as Of<K>] : []));
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

export interface FeedFigures {
  readonly feed: Feed;
  readonly logic: Logic | undefined;
  readonly reads: number;
  readonly freshnessP50Ms: number;
  readonly freshnessMaxMs: number;
  /** Tickets the report was off by on the days already over, at the last read and at worst. */
  readonly errorLast: number;
  readonly errorMax: number;
}

/** Per feed (and, for the stream report, per logic it was read under). */
export function feedFigures(facts: Facts): FeedFigures[] {
  const reads = only(facts, 'read');
  const keys = [...new Set(reads.map((r) => `${r.feed}:${r.logic ?? ''}`))];
  return keys.map((key) => {
    const mine = reads.filter((r) => `${r.feed}:${r.logic ?? ''}` === key);
    const fresh = mine.flatMap((r) => (r.freshnessMs === null ? [] : [r.freshnessMs]));
    const first = mine[0];
    return {
      feed: first?.feed ?? 'batch',
      logic: first?.logic,
      reads: mine.length,
      freshnessP50Ms: median(fresh),
      freshnessMaxMs: fresh.length === 0 ? 0 : Math.max(...fresh),
      errorLast: mine.at(-1)?.error ?? 0,
      errorMax: Math.max(0, ...mine.map((r) => r.error)),
    };
  });
}

export interface LateFigures {
  readonly table: string;
  readonly dropped: number;
  readonly restated: number;
}

export function lateFigures(facts: Facts): LateFigures[] {
  const late = only(facts, 'late');
  return [...new Set(late.map((l) => l.table))].map((table) => ({
    table,
    dropped: late.filter((l) => l.table === table && l.handled === 'dropped').length,
    restated: late.filter((l) => l.table === table && l.handled === 'restated').length,
  }));
}

export function nightlyFigures(facts: Facts) {
  const nights = only(facts, 'nightly');
  return {
    nights: nights.length,
    lastTickets: nights.at(-1)?.tickets ?? 0,
    lambdaCorrections: nights.map((n) => ({ cutoff: n.cutoff, cells: n.lambdaCellsCorrected, tickets: n.lambdaCountCorrected })),
    lambdaTicketsCorrected: nights.reduce((sum, n) => sum + n.lambdaCountCorrected, 0),
  };
}

export function replayFigures(facts: Facts) {
  const done = only(facts, 'replay-switched').at(-1);
  const batches = only(facts, 'replay-batch');
  return {
    started: only(facts, 'replay-started').length > 0,
    changes: done?.changes ?? batches.reduce((s, b) => s + b.changes, 0),
    batches: batches.length,
    engineMs: done?.engineMs ?? batches.reduce((s, b) => s + b.engineMs, 0),
    virtualMs: done?.virtualMs,
  };
}

/** How many distinct code paths wrote each report table. */
export function codePaths(facts: Facts): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const w of only(facts, 'wrote')) {
    const list = paths.get(w.table) ?? [];
    if (!list.includes(w.path)) list.push(w.path);
    paths.set(w.table, list);
  }
  return paths;
}

export function syncFigures(facts: Facts) {
  const pushes = only(facts, 'scores-pushed');
  const reverted = only(facts, 'score-reverted');
  return {
    modes: [...new Set(pushes.map((p) => p.mode))] as SyncMode[],
    pushes: pushes.length,
    reverted: reverted.length,
    revertedDetail: reverted,
  };
}

export function crashFigures(facts: Facts) {
  return { crashes: only(facts, 'stream-crashed').length, resumed: only(facts, 'stream-resumed').map((r) => r.offset) };
}
