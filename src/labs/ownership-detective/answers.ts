/**
 * Reading a reader's answer query and comparing it with the truth from the write log. Pure functions over
 * rows, so the wording of every verdict is testable without a database.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import { describeWriters, type TableOwnership } from './ownership.ts';

export type Rows = readonly (readonly Cell[])[];

export function answerRows(result: QueryResult): Rows {
  return result.ok ? (result.results.at(-1)?.rows ?? []) : [];
}

const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : String(cell).trim());

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Compares two lists of keys; says what is missing and what should not be there, or nothing when equal. */
export function compareSets(got: readonly string[], want: readonly string[], noun: string): string | undefined {
  const g = new Set(got);
  const w = new Set(want);
  const missing = [...w].filter((k) => !g.has(k)).sort();
  const extra = [...g].filter((k) => !w.has(k)).sort();
  const parts = [];
  if (missing.length > 0) parts.push(`missed ${plural(missing.length, noun)} (${missing.join('; ')})`);
  if (extra.length > 0) parts.push(`listed ${plural(extra.length, noun)} that should not be there (${extra.join('; ')})`);
  return parts.length > 0 ? `your query ${parts.join(' and ')}` : undefined;
}

/**
 * Checks rows of `(table_name, ownership, owner)` against the truth. Ownership words are compared without
 * regard to case; an empty owner counts as none.
 */
export function compareOwnership(rows: Rows, truth: readonly TableOwnership[]): string | undefined {
  if (rows.some((r) => r.length < 3)) return 'your query must return three columns: table_name, ownership, owner';
  const given = new Map<string, { ownership: string; owner: string }>();
  for (const r of rows) given.set(text(r[0]), { ownership: text(r[1]).toLowerCase(), owner: text(r[2]) });
  const byTable = compareSets(
    [...given.keys()],
    truth.map((t) => t.table_name),
    'table',
  );
  if (byTable) return byTable;
  const wrong = [];
  for (const t of truth) {
    const g = given.get(t.table_name);
    if (!g) continue;
    const owner = t.owner ?? '';
    if (g.ownership === t.ownership && g.owner === owner) continue;
    const verdict = t.ownership === 'single' ? `single, owned by ${owner}` : t.ownership;
    const said = `${g.ownership || '(empty)'}${g.owner ? ` with owner ${g.owner}` : ''}`;
    wrong.push(
      `${t.table_name} is ${said} in your answer, but the log shows ${describeWriters(t.writers)} writing it, which makes it ${verdict}`,
    );
  }
  return wrong.length > 0 ? wrong.join('; ') : undefined;
}
