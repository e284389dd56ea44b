/** The comparison as the chapter's table: one row per read path, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<Comparison['rows'][number], 'variant' | 'faults' | 'schemaError'> & {
    readonly variant: string;
    readonly faults: readonly string[];
    readonly schemaError: string | null;
  })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    'read path': r.label,
    'latency p50 / p99': `${r.latencyP50Ms.toLocaleString('en')} / ${ms(r.latencyP99Ms)}`,
    'requests to Customers': `${(r.ownerReads + r.ownerFetches).toLocaleString('en')} (${r.ownerFetches} change fetches)`,
    'stale reads (oldest)': r.stale === 0 ? 'none' : `${r.stale} of ${r.reads} (${ms(r.staleMaxAgeMs)})`,
    'failed, Customers unreachable': `${r.failedInOutage} of ${r.readsInOutage}`,
    'failed in all': `${r.failed} of ${r.reads}`,
    'Customers renames plan': r.failedAfterSchemaChange === 0 ? 'keeps working' : `breaks: ${r.schemaError ?? 'failed'}`,
  }));
}
