/** The comparison as the chapter's table: one row per way of reading, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (Omit<Comparison['rows'][number], 'fix' | 'follow'> & { readonly fix: string; readonly follow: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;
/** Two figures in one cell, the unit once: "504 / 528 ms". */
const pair = (a: number, b: number) => `${a.toLocaleString('en')} / ${ms(b)}`;

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    'how the page is read': r.label,
    'right after ordering: stale': `${r.stale} of ${r.afterWrite}${r.guessed > 0 ? ` (${r.guessed} guessed)` : ''}${r.timeouts > 0 ? `, ${r.timeouts} after a timeout` : ''}`,
    'page shown after (p50 / p99)': pair(r.pageP50Ms, r.pageP99Ms),
    'reads on the write side': String(r.writeSideReads),
    'projection lag (p50 / p99)': pair(r.lagP50Ms, r.lagP99Ms),
    'to keep the page current': r.follow === 'push' ? `${r.pushes} pushes` : `${r.polls} polls`,
    'final status on the page (p50 / max)': pair(r.finalSeenP50Ms, r.finalSeenMaxMs),
    'wrong order shown': r.takenBack > 0 ? `${r.takenBack}, for ${ms(r.shownWrongMs)}` : 'none',
  }));
}
