/** The comparison as table rows for the chapter: one row per routing policy, columns in the reader's words. */
import type { PolicyFigures } from './measures.ts';
import { LAG_BOUND_MS } from './settings.ts';

/** comparison.generated.json as a JSON import types it: the policy id is a plain string there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<PolicyFigures, 'policy'> & { readonly policy: string })[];
}

const share = (part: number, whole: number) => `${part} of ${whole} (${whole === 0 ? 0 : Math.round((100 * part) / whole)} %)`;

export function tableRows(comparison: ComparisonFile): Record<string, string | number>[] {
  return comparison.rows.map((r) => ({
    'routing policy': r.label,
    reads: r.reads,
    'own comment missing (read-your-writes)': r.readYourWrites,
    'seen comment gone (monotonic reads)': r.monotonic,
    'reply without its parent (causal)': r.causal,
    [`served more than ${LAG_BOUND_MS / 1000} s behind`]: r.servedPastBound,
    refused: r.refused,
    'served by the leader': share(r.byLeader, r.reads),
    'read latency, mean / max': `${r.meanLatencyMs} / ${r.maxLatencyMs.toLocaleString('en')} ms`,
  }));
}
