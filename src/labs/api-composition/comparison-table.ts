/** The comparison as the chapter's table: one row per scenario, the composer's figures beside the read model's. */
import { PAGE_NAMES } from './browser.ts';
import type { Comparison, WayFigure } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly timeoutMs: number;
  readonly rows: readonly (Omit<Comparison['rows'][number], 'page'> & { readonly page: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

function result(f: WayFigure): string {
  if (f.outcome === 'error') return `error (${f.missing.join(', ') || 'failed'})`;
  if (f.outcome === 'partial') return `partial: no ${f.missing.join(', ')}`;
  return f.behind > 0 ? `complete, ${f.behind} change${f.behind === 1 ? '' : 's'} behind` : 'complete';
}

export function tableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.rows.map((r) => ({
    page: PAGE_NAMES[r.page as keyof typeof PAGE_NAMES] ?? r.page,
    conditions: r.conditions,
    'composer: answer after': ms(r.composer.latencyMs),
    'composer: rows moved': r.composer.rowsMoved.toLocaleString('en'),
    'composer: result': result(r.composer),
    'read model: answer after': ms(r.readModel.latencyMs),
    'read model: rows moved': r.readModel.rowsMoved.toLocaleString('en'),
    'read model: result': result(r.readModel),
  }));
}

/** The runs behind the table, in words, for its caption. */
export const WORKLOAD =
  'twelve scenarios, each played from the first state, the measured page asked for both ways at the same moment (src/labs/api-composition/standard-run.ts)';
