/** The comparison as table rows for the chapter: one row per pattern, columns in the reader's words. */
import type { ComparisonRow } from './measures.ts';

/** comparison.generated.json as a JSON import types it: the pattern id is a plain string there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<ComparisonRow, 'pattern' | 'recoveryFigures'> & { readonly pattern: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    pattern: r.label,
    'inconsistency window (max / mean)': `${ms(r.windowMaxMs)} / ${ms(r.windowMeanMs)}`,
    'tickets requested while the customer side was down': `${r.duringOutage.requests}: ${r.duringOutage.accepted} accepted, ${r.duringOutage.refused} refused${r.duringOutage.undecided > 0 ? `, ${r.duringOutage.undecided} undecided` : ''}`,
    'longest wait for an answer': ms(r.longestWaitMs),
    'talks to': r.talksTo.join(', ') || 'nobody',
    'touches databases': r.touches.join('; '),
    'recovered by': r.recoveredBy,
  }));
}
