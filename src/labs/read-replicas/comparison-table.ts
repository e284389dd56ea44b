/**
 * The comparison as the chapter's two tables, one row per routing policy: what the sessions felt, and what
 * that cost. Two narrow tables read better than one wide one, on a phone most of all.
 */
import type { PolicyFigures } from './measures.ts';
import { LAG_BOUND_MS } from './settings.ts';

/** comparison.generated.json as a JSON import types it: the policy id is a plain string there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<PolicyFigures, 'policy'> & { readonly policy: string })[];
}

export function feltRows(comparison: ComparisonFile): Record<string, string | number>[] {
  return comparison.rows.map((r) => ({
    'routing policy': r.label,
    reads: r.reads,
    'own comment missing': r.readYourWrites,
    'seen comment gone': r.monotonic,
    'reply without its parent': r.causal,
  }));
}

export function costRows(comparison: ComparisonFile): Record<string, string | number>[] {
  return comparison.rows.map((r) => ({
    'routing policy': r.label,
    [`served > ${LAG_BOUND_MS / 1000} s behind`]: r.servedPastBound,
    refused: r.refused,
    'served by the leader': `${r.byLeader} of ${r.reads}`,
    'latency, mean / max': `${r.meanLatencyMs} / ${r.maxLatencyMs.toLocaleString('en')} ms`,
  }));
}
