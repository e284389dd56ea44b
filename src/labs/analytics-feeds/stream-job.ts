/**
 * A stream job's logic for one batch of changes, in one place: which changes are new (after the job's
 * offset), which day each one counts in, which arrived after its day's window had closed, and what the
 * job does with those. The decision is pure; `applySql` turns it into one SQLite transaction that writes
 * the counts, the late events, the offset and the watermark together.
 *
 * The window of a day closes when the job has seen a change from a later day: the watermark is the newest
 * happened_at seen, with no allowed lateness. Logic v1 drops a change whose window has closed; v2 counts
 * it into its own day, restating a day already reported.
 */
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { Change, DayCount, Logic } from './messages.ts';
import { dayOf } from './settings.ts';

export interface JobState {
  readonly offset: number;
  /** The newest happened_at the job has seen, or null before its first change. */
  readonly watermark: number | null;
  /** The newest happened_at the job has counted. */
  readonly newestAt: number | null;
}

export interface LateEvent {
  readonly position: number;
  readonly day: number;
  readonly handled: 'dropped' | 'restated';
}

export interface Plan {
  readonly increments: readonly DayCount[];
  readonly late: readonly LateEvent[];
  readonly state: JobState;
  /** How many changes of the batch were new to the job. */
  readonly applied: number;
}

export interface PlanOptions {
  readonly logic: Logic;
  /** The speed layer's injected bug: a closure counted on the day its ticket was opened. */
  readonly closedOnOpenedDay?: boolean;
  /** The broken job of the tests: applies every change it is handed, whatever its offset says. */
  readonly ignoreOffset?: boolean;
}

export function planBatch(changes: readonly Change[], state: JobState, options: PlanOptions): Plan {
  const counts = new Map<number, { opened: number; closed: number }>();
  const late: LateEvent[] = [];
  let { offset, watermark, newestAt } = state;
  let applied = 0;
  for (const change of [...changes].sort((a, b) => a.position - b.position)) {
    if (!options.ignoreOffset && change.position <= offset) continue;
    applied++;
    offset = Math.max(offset, change.position);
    const day = dayOf(options.closedOnOpenedDay && change.kind === 'closed' ? change.openedAt : change.happenedAt);
    const closedWindow = watermark !== null && dayOf(change.happenedAt) < dayOf(watermark);
    watermark = Math.max(watermark ?? change.happenedAt, change.happenedAt);
    if (closedWindow) {
      late.push({ position: change.position, day, handled: options.logic === 'v1' ? 'dropped' : 'restated' });
      if (options.logic === 'v1') continue;
    }
    const count = counts.get(day) ?? { opened: 0, closed: 0 };
    count[change.kind]++;
    counts.set(day, count);
    newestAt = Math.max(newestAt ?? change.happenedAt, change.happenedAt);
  }
  return {
    increments: [...counts].map(([day, c]) => ({ day, ...c })).sort((a, b) => a.day - b.day),
    late,
    state: { offset, watermark, newestAt },
    applied,
  };
}

const nullable = (n: number | null) => (n === null ? 'NULL' : sqlInt(n));

/** The counts, the late events and the job's new offset and watermark: statements for one transaction. */
export function planSql(job: string, table: string, plan: Plan, withOffset = true): string[] {
  const statements: string[] = [];
  if (plan.increments.length > 0)
    statements.push(`INSERT INTO ${table} (day, opened, closed) VALUES ${plan.increments.map((c) => `(${sqlInt(c.day)}, ${sqlInt(c.opened)}, ${sqlInt(c.closed)})`).join(', ')}
ON CONFLICT (day) DO UPDATE SET opened = opened + excluded.opened, closed = closed + excluded.closed`);
  if (plan.late.length > 0)
    statements.push(
      `INSERT OR IGNORE INTO late_events (tbl, position, day, handled) VALUES ${plan.late.map((l) => `(${sqlText(table)}, ${sqlInt(l.position)}, ${sqlInt(l.day)}, ${sqlText(l.handled)})`).join(', ')}`,
    );
  if (withOffset) statements.push(offsetSql(job, plan.state));
  return statements;
}

export function offsetSql(job: string, state: JobState): string {
  return `UPDATE stream_jobs SET "offset" = ${sqlInt(state.offset)}, watermark = ${nullable(state.watermark)}, newest_at = ${nullable(state.newestAt)} WHERE job = ${sqlText(job)}`;
}

/** A whole plan as one local transaction: the counts and the offset commit together or not at all. */
export function applySql(job: string, table: string, plan: Plan): string {
  return transaction(planSql(job, table, plan));
}

/** Folds a whole log with one logic, as a replay from offset 0 would: the reference the invariants compare with. */
export function foldLog(changes: readonly Change[], logic: Logic): DayCount[] {
  return [...planBatch(changes, { offset: 0, watermark: null, newestAt: null }, { logic }).increments];
}
