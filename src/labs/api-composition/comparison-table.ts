/** The comparison as the chapter's table: one row per scenario, the composer's figures beside the read model's. */
import { PAGE_SHORT } from './browser.ts';
import type { Comparison, WayFigure } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly timeoutMs: number;
  readonly rows: readonly (Omit<Comparison['rows'][number], 'page'> & { readonly page: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export function result(f: Pick<WayFigure, 'outcome' | 'missing' | 'behind'>): string {
  if (f.outcome === 'error') return `error (${f.missing.join(', ') || 'failed'})`;
  if (f.outcome === 'partial') return `partial: no ${f.missing.join(', ')}`;
  return f.behind > 0 ? `complete, ${f.behind} change${f.behind === 1 ? '' : 's'} behind` : 'complete';
}

/** One way's figures in one cell: "79 ms, 3 rows moved: complete". */
const cell = (f: WayFigure) =>
  `${ms(f.latencyMs)}, ${f.rowsMoved.toLocaleString('en')} row${f.rowsMoved === 1 ? '' : 's'} moved: ${result(f)}`;

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    page: PAGE_SHORT[r.page as keyof typeof PAGE_SHORT] ?? r.page,
    conditions: r.conditions,
    'through the composer': cell(r.composer),
    'from the read model': cell(r.readModel),
  }));
}

/** The runs behind the table, in words, for its caption. */
export const WORKLOAD =
  'twelve scenarios, each played from the first state, the measured page asked for both ways at the same moment (src/labs/api-composition/standard-run.ts)';
