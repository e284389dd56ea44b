/** The comparison as the chapter's two tables: one row per configuration, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<Comparison['rows'][number], 'strategy'> & { readonly strategy: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

/** What the reads got: one narrow table, so that it fits a phone beside its companion. */
export function readRows(comparison: ComparisonFile): Record<string, string>[] {
  const baseline = comparison.rows.find((r) => r.strategy === 'none');
  return comparison.rows.map((r) => ({
    configuration: r.config,
    'hit rate': `${r.hitRatePct}%`,
    'Postgres queries (saved)': baseline
      ? `${r.databaseQueries} (${baseline.databaseQueries - r.databaseQueries})`
      : String(r.databaseQueries),
    'stale reads (max age)': r.staleReads === 0 ? 'none' : `${r.staleReads} (${ms(r.maxStaleMs)})`,
  }));
}

/** What it cost: lost writes and latency. */
export function costRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    configuration: r.config,
    'writes lost': `${r.writesLost} of ${r.writes}`,
    'read mean / p95': `${r.readMeanMs} / ${ms(r.readP95Ms)}`,
    'write mean': ms(r.writeMeanMs),
  }));
}
