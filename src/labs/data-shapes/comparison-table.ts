/** The comparison as the chapter's tables: one row per access pattern and shape, and one per change. */
import { PATTERN_LABEL } from './patterns.ts';
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly patterns: readonly (Omit<Comparison['patterns'][number], 'pattern' | 'shape'> & {
    readonly pattern: string;
    readonly shape: string;
  })[];
  readonly writes: readonly { readonly change: string; readonly cost: Readonly<Record<string, number>> }[];
  readonly afterChanges: Comparison['afterChanges'];
  readonly brokenRename: Comparison['brokenRename'];
}

const label = (pattern: string) => (PATTERN_LABEL as Readonly<Record<string, string>>)[pattern] ?? pattern;

function answer(r: ComparisonFile['patterns'][number]): string {
  if (r.sameCategory !== null) return `${r.rowsReturned} found, ${r.sameCategory} about the question’s topic`;
  if (r.sameAnswer === null)
    return `${r.rowsReturned} row${r.rowsReturned === 1 ? '' : 's'}${r.pattern === 'matching-words' ? (r.shape === 'search' ? ', ranked' : ', unranked') : ' (reference)'}`;
  return r.sameAnswer ? 'same as reference' : 'DIFFERS';
}

export function patternTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.patterns.map((r) => ({
    'access pattern': label(r.pattern),
    shape: r.shape,
    'how it is served': r.access,
    'rows read': r.rowsRead.toLocaleString('en'),
    'round trips': String(r.statements),
    'query chars': String(r.queryChars),
    answer: answer(r),
    'engine ms (median of 5)': r.engineMs === null ? '–' : r.engineMs.toLocaleString('en'),
  }));
}

const CHANGE_LABEL: Readonly<Record<string, string>> = {
  'product-renamed': 'Rename a product',
  'ticket-opened': 'Open a ticket',
  'customers-linked': 'Link two customers',
};
const SHAPE_COLUMNS = ['relational', 'graph', 'documents', 'key-value', 'search', 'vectors'] as const;

export function writeTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.writes.map((w) => ({
    change: CHANGE_LABEL[w.change] ?? w.change,
    ...Object.fromEntries(SHAPE_COLUMNS.map((s) => [`${s} rewrote`, w.cost[s] === undefined ? '–' : String(w.cost[s])])),
  }));
}
