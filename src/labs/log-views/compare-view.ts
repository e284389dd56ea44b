/**
 * Compares a view's database with the reference fold of the log up to the view's checkpoint: the same
 * rows in every table, and the same events parked. Used by the invariants and by the exercises.
 */
import { select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { foldLog } from './fold.ts';
import { selectAll } from './log-rows.ts';
import type { StoredEvent } from './messages.ts';
import { rowKey, type ViewDefinition } from './view.ts';

export interface ViewComparison {
  /** Undefined for a view that has not started. */
  readonly position: number | undefined;
  /** What differs, in the reader's words; empty when the view equals the fold. */
  readonly differences: readonly string[];
}

export async function checkpointOf(db: Database): Promise<number | undefined> {
  const [row] = await select(db, 'SELECT position FROM checkpoint');
  return row ? Number(row['position']) : undefined;
}

export async function compareView(view: ViewDefinition, db: Database, log: readonly StoredEvent[]): Promise<ViewComparison> {
  const position = await checkpointOf(db);
  if (position === undefined) return { position, differences: [] };
  const shop = foldLog(log, position);
  const differences: string[] = [];
  for (const check of view.checks) {
    const actual = await selectAll(db, check.sql);
    const columns = Object.keys(actual[0] ?? check.expected(shop)[0] ?? {});
    const have = actual.map((r) => rowKey(r, columns)).sort();
    const want = check
      .expected(shop)
      .map((r) => rowKey(r, columns))
      .sort();
    const extra = have.filter((k, i) => k !== want[i]);
    if (have.length !== want.length)
      differences.push(`${view.name}.${check.table} has ${have.length} rows where the log up to ${position} gives ${want.length}`);
    else if (extra.length > 0)
      differences.push(`${view.name}.${check.table}: ${extra.length} rows differ from the fold (first: ${extra[0]})`);
  }
  const parked = (await selectAll(db, 'SELECT position FROM dead_letters ORDER BY position')).map((r) => Number(r['position']));
  const shouldPark = shop.parked;
  if (parked.join(',') !== shouldPark.join(','))
    differences.push(
      `${view.name}.dead_letters holds ${parked.length} positions where the log up to ${position} has ${shouldPark.length} unreadable events`,
    );
  return { position, differences };
}
