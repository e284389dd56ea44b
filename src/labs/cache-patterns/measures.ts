/** What the lab measures from the facts its services recorded: every figure comes from the run itself. */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import type { CachePatterns, LabFact } from './messages.ts';

/** One configuration's requests in a run. */
export interface ConfigFigures {
  readonly config: string;
  readonly reads: number;
  readonly hits: number;
  /** Hits as a share of reads, in per cent, rounded. */
  readonly hitRatePct: number;
  readonly staleReads: number;
  readonly maxStaleMs: number;
  readonly writes: number;
  readonly writesLost: number;
  readonly readMeanMs: number;
  readonly readP95Ms: number;
  readonly writeMeanMs: number;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));

/** The nearest-rank percentile: the smallest value at least `p` per cent of the values do not exceed. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

type Facts = readonly RecordedFact<LabFact>[];

/** Lost write ids, credited to the configuration that acknowledged each. */
function lostByConfig(facts: Facts): Map<string, number> {
  const ackedUnder = new Map<string, string>();
  const lost = new Map<string, number>();
  for (const { fact } of facts) {
    if (fact.kind === 'write') ackedUnder.set(fact.writeId, fact.config);
    if (fact.kind === 'writes-lost')
      for (const id of fact.writeIds) {
        const config = ackedUnder.get(id) ?? 'write-back';
        lost.set(config, (lost.get(config) ?? 0) + 1);
      }
  }
  return lost;
}

/** One row per configuration that served a request, in the order each first did. */
export function byConfig(facts: Facts): ConfigFigures[] {
  const configs = [...new Set(facts.flatMap(({ fact }) => (fact.kind === 'read' || fact.kind === 'write' ? [fact.config] : [])))];
  const lost = lostByConfig(facts);
  return configs.map((config) => {
    const reads = facts.flatMap(({ fact }) => (fact.kind === 'read' && fact.config === config ? [fact] : []));
    const writes = facts.flatMap(({ fact }) => (fact.kind === 'write' && fact.config === config ? [fact] : []));
    const hits = reads.filter((r) => r.source === 'cache').length;
    const stale = reads.filter((r) => r.staleMs > 0);
    const readLatencies = reads.map((r) => r.latencyMs);
    return {
      config,
      reads: reads.length,
      hits,
      hitRatePct: reads.length === 0 ? 0 : Math.round((100 * hits) / reads.length),
      staleReads: stale.length,
      maxStaleMs: Math.max(0, ...stale.map((r) => r.staleMs)),
      writes: writes.length,
      writesLost: lost.get(config) ?? 0,
      readMeanMs: mean(readLatencies),
      readP95Ms: percentile(readLatencies, 95),
      writeMeanMs: mean(writes.map((w) => w.latencyMs)),
    };
  });
}

/** How many queries Postgres ran, of each kind. */
export function databaseQueries(facts: Facts): { readonly reads: number; readonly writes: number; readonly total: number } {
  const queries = facts.flatMap(({ fact }) => (fact.kind === 'db-query' ? [fact.what] : []));
  const reads = queries.filter((q) => q === 'read' || q === 'load').length;
  return { reads, writes: queries.length - reads, total: queries.length };
}

export const measures: readonly MeasureSpec<CachePatterns>[] = [
  {
    id: 'reads',
    label: 'Reads: hit rate and staleness, per configuration',
    measure(facts) {
      const rows = byConfig(facts);
      const db = databaseQueries(facts);
      const reads = rows.reduce((n, r) => n + r.reads, 0);
      if (reads === 0) return { summary: 'No read yet.', rows: [] };
      const hits = rows.reduce((n, r) => n + r.hits, 0);
      return {
        summary: `${reads} reads, ${hits} from the cache: Postgres ran ${db.reads} read queries (misses and write-back loads) where it would have run ${reads}.`,
        rows: rows.map((r) => ({
          config: r.config,
          reads: r.reads,
          'hit %': r.hitRatePct,
          stale: r.staleReads,
          'max stale ms': r.maxStaleMs,
          'mean ms': r.readMeanMs,
        })),
      };
    },
  },
  {
    id: 'writes',
    label: 'Writes: acknowledged, lost, and how long they took',
    measure(facts) {
      const rows = byConfig(facts).filter((r) => r.writes > 0);
      if (rows.length === 0) return { summary: 'No write yet.', rows: [] };
      const lost = rows.reduce((n, r) => n + r.writesLost, 0);
      return {
        summary: `${rows.reduce((n, r) => n + r.writes, 0)} writes acknowledged; ${lost} of them lost in a cache crash.`,
        rows: rows.map((r) => ({ config: r.config, acknowledged: r.writes, lost: r.writesLost, 'mean ms': r.writeMeanMs })),
      };
    },
  },
];
