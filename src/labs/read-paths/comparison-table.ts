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

type Row = ComparisonFile['rows'][number];

/** The main table: every read path on the standard run, and the direct call with Customers slow. */
export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows
    .filter((r) => r.variant !== 'chain' || r.faults.length === 0)
    .map((r) => ({
      'read path': r.label,
      'latency p50 / p99': `${r.latencyP50Ms.toLocaleString('en')} / ${ms(r.latencyP99Ms)}`,
      'requests to Customers': `${(r.ownerReads + r.ownerFetches).toLocaleString('en')} (${r.ownerFetches} change fetches)`,
      'stale reads (oldest)': r.stale === 0 ? 'none' : `${r.stale} of ${r.reads} (${ms(r.staleMaxAgeMs)})`,
      'failed, Customers unreachable': `${r.failedInOutage} of ${r.readsInOutage}`,
      'failed in all': `${r.failed} of ${r.reads}`,
      'Customers renames plan': r.failedAfterSchemaChange === 0 ? 'keeps working' : `breaks: ${r.schemaError ?? 'failed'}`,
    }));
}

const percent = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((100 * part) / whole)} %`;
const served = (r: Row) => percent(r.reads - r.failed, r.reads);

/**
 * The chain beside the direct call: what the second hop adds to each percentile, the requests each
 * service received, the pages lost while each service was away, and the share of pages served.
 */
export function chainRows(comparison: ComparisonFile): Record<string, string>[] {
  const direct = (slow: boolean) =>
    comparison.rows.find((r) => r.variant === 'call' && r.faults.includes('owner-slow') === slow && !r.faults.includes('retry-storm'));
  return comparison.rows
    .filter((r) => (r.variant === 'call' && !r.faults.includes('retry-storm')) || r.variant === 'chain')
    .map((r) => {
      const base = direct(r.faults.includes('owner-slow'));
      const added =
        r.variant === 'chain' && base ? `+${r.latencyP50Ms - base.latencyP50Ms} / +${ms(r.latencyP99Ms - base.latencyP99Ms)}` : '–';
      return {
        'read path': r.label,
        'latency p50 / p99': `${r.latencyP50Ms.toLocaleString('en')} / ${ms(r.latencyP99Ms)}`,
        'added by the second hop': added.replace('+-', '−'),
        'requests to Support profiles / Customers': `${r.profilesCalls.toLocaleString('en')} / ${r.ownerReads.toLocaleString('en')} (at most ${r.ownerPeakPer100Ms} in 100 ms)`,
        'answered after the caller gave up': r.variant === 'chain' ? r.profilesTooLate.toLocaleString('en') : '–',
        'failed, Customers / Support profiles unreachable': `${r.failedInOutage} of ${r.readsInOutage} / ${r.variant === 'chain' ? `${r.failedInProfilesOutage} of ${r.readsInProfilesOutage}` : 'not on the path'}`,
        'pages served': `${served(r)} (${r.reads - r.failed} of ${r.reads})`,
      };
    });
}
