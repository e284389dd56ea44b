/**
 * Loading an account: read its events (after the newest snapshot, or all of them) and fold them into its
 * state. Events are read a page at a time, as event stores serve them. `checked` is the service's fold;
 * `ignores-versions` is the tests' negative control, which neither skips what the snapshot holds nor checks
 * the order.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import { apply, emptyAccount, evolve, fromSnapshot, type Account } from './account.ts';
import { upcast } from './event-shapes.ts';
import { eventsPageSql, loadIgnoringVersionsSql, PAGE_SIZE, rowsAt, snapshotSql } from './store-sql.ts';

export type Fold = 'checked' | 'ignores-versions';

export interface Loaded {
  readonly state: Account;
  /** The snapshot's version the fold started from, 0 for none. */
  readonly fromSnapshot: number;
  readonly eventsRead: number;
  /** What Postgres took to answer, summed over the pages (real time, from the engine). */
  readonly engineMs: number;
}

type Row = Record<string, Cell>;
type Run = (sql: string) => Promise<QueryResult>;

export function foldRows(start: Account, rows: readonly Row[], fold: Fold): Account {
  let state = start;
  for (const row of rows) {
    const event = upcast({ type: String(row['type']), data: String(row['data']), schema: Number(row['schema']) });
    const version = Number(row['version']);
    state = fold === 'checked' ? apply(state, event, version) : evolve(state, event, Math.max(state.version, version));
  }
  return state;
}

export interface LoadOptions {
  readonly snapshots: boolean;
  readonly fold: Fold;
  /** Fold the stream as it was at this version (time travel by version). */
  readonly upTo?: number;
}

/** Loads `stream`; undefined when a query failed (the trace shows why). */
export async function load(run: Run, stream: string, options: LoadOptions): Promise<Loaded | undefined> {
  let engineMs = 0;
  let state = emptyAccount(stream);
  if (options.fold === 'ignores-versions') {
    const result = await run(loadIgnoringVersionsSql(stream));
    if (!result.ok) return undefined;
    const snapshot = rowsAt(result, 0)[0];
    if (snapshot) state = fromSnapshot(stream, Number(snapshot['version']), String(snapshot['state']));
    const events = rowsAt(result, 1);
    return {
      state: foldRows(state, events, 'ignores-versions'),
      fromSnapshot: Number(snapshot?.['version'] ?? 0),
      eventsRead: events.length,
      engineMs: result.durationMs,
    };
  }
  if (options.snapshots) {
    const result = await run(snapshotSql(stream, options.upTo));
    if (!result.ok) return undefined;
    engineMs += result.durationMs;
    const snapshot = rowsAt(result, 0)[0];
    if (snapshot) state = fromSnapshot(stream, Number(snapshot['version']), String(snapshot['state']));
  }
  const fromSnapshot_ = state.version;
  let eventsRead = 0;
  for (;;) {
    const result = await run(eventsPageSql(stream, state.version, options.upTo));
    if (!result.ok) return undefined;
    engineMs += result.durationMs;
    const rows = rowsAt(result, 0);
    state = foldRows(state, rows, 'checked');
    eventsRead += rows.length;
    if (rows.length < PAGE_SIZE) break;
  }
  return { state, fromSnapshot: fromSnapshot_, eventsRead, engineMs };
}
