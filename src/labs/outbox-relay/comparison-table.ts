/** The comparison as the chapter's table: one row per pipeline, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<Comparison['rows'][number], 'pipeline'> & { readonly pipeline: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    pipeline: r.label,
    'changes delivered': `${r.delivered} of ${r.committed}`,
    'tickets wrong at the end': String(r.wrongAtEnd),
    'phantom events': String(r.phantoms),
    'duplicates absorbed': String(r.duplicates),
    'latency (p50 / max)': `${r.latencyP50Ms.toLocaleString('en')} / ${ms(r.latencyMaxMs)}`,
    'queries on the ticket database': String(r.sourceQueries),
  }));
}
