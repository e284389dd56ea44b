/** The comparison as the chapter's table: one row per way of erasing, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly checkpointsMs: readonly number[];
  readonly rows: readonly (Omit<Comparison['rows'][number], 'scheme' | 'atEnd'> & {
    readonly scheme: string;
    readonly atEnd: readonly string[];
  })[];
}

/** The checkpoints as one heading, "0.1 / 1 / 5 / 30 s", so that the counts sit in one column. */
const checkpoints = (ms: readonly number[]) => `${ms.map((m) => (m / 1000).toLocaleString('en')).join(' / ')} s`;

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    'how the customer is erased': r.label,
    'copies before': String(r.before),
    [`readable after ${checkpoints(comparison.checkpointsMs)}`]: r.atCheckpoints.join(' / '),
    'readable for good': r.atEnd.length === 0 ? 'none' : r.atEnd.join(', '),
    'last copy unreadable after': r.lastGoneAfterMs === null ? 'never' : `${r.lastGoneAfterMs.toLocaleString('en')} ms`,
    'erasure confirmed after': r.confirmedAfterMs === null ? 'not yet' : `${r.confirmedAfterMs.toLocaleString('en')} ms`,
  }));
}
