/** The comparison as the chapter's table: one row per booking method, columns in the reader's words. */
import { methodOf } from './methods.ts';
import { METHODS, type MethodId } from './messages.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly {
    readonly method: string;
    readonly booked: number;
    readonly refused: number;
    readonly failed: number;
    readonly oversold: number;
    readonly lostUpdates: number;
    readonly retries: number;
    readonly waits: number;
    readonly conflicts: string;
    readonly byLab: number;
  }[];
}

const isMethod = (id: string): id is MethodId => (METHODS as readonly string[]).includes(id);

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => {
    const method = isMethod(r.method) ? methodOf(r.method) : undefined;
    return {
      method: method ? `${method.label}, ${method.flight}` : r.method,
      'booked / refused / failed': `${r.booked} / ${r.refused} / ${r.failed}`,
      'oversold / lost updates': `${r.oversold} / ${r.lostUpdates}`,
      'waits / retries': `${r.waits} / ${r.retries}`,
      conflicts: r.conflicts || 'none',
      'by the lab': String(r.byLab),
    };
  });
}
