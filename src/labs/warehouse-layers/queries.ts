/** SQL and row helpers that more than one module uses: the operational truth, change events, plan counts. */
import type { Cell, QueryResult } from '../engine/types.ts';
import { sqlInt } from '../kit/service-sql.ts';
import type { ChangeEvent, PlanCounts } from './messages.ts';
import { PLANS } from './settings.ts';

/** Columns of a change event, in the shape `eventOf` reads. */
export const EVENT_COLUMNS = 'seq, entity, entity_id, payload::text AS payload, happened_at, recorded_at';

export function eventOf(row: Record<string, Cell>): ChangeEvent {
  return {
    seq: Number(row['seq']),
    entity: row['entity'] === 'customer' ? 'customer' : 'ticket',
    entityId: Number(row['entity_id']),
    payload: String(row['payload']),
    happenedAt: Number(row['happened_at']),
    recordedAt: Number(row['recorded_at']),
  };
}

/** The rows of the statement before COMMIT in a `transaction([...])`: where a RETURNING clause's rows are. */
export function returnedRows(result: QueryResult): Record<string, Cell>[] {
  if (!result.ok) return [];
  const set = result.results.at(-2);
  if (!set) return [];
  return set.rows.map((row) => Object.fromEntries(set.fields.map((field, i) => [field.name, row[i] ?? null])));
}

/**
 * The operational side's own answer to "tickets by plan", as it stood at `asOf`: each ticket counted under the
 * plan its customer had, by billing's record, when the ticket was opened. A ticket with no customer, or a
 * customer billing never heard of, has no plan and is not counted.
 */
export function truthSql(asOf: number): string {
  return `SELECT p.plan, count(*)::int AS tickets FROM tickets t
JOIN LATERAL (
  SELECT pc.plan FROM plan_changes pc
  WHERE pc.customer_id = t.customer_id AND pc.effective_at <= t.opened_at AND pc.recorded_at <= ${sqlInt(asOf)}
  ORDER BY pc.effective_at DESC LIMIT 1
) p ON true
WHERE t.recorded_at <= ${sqlInt(asOf)} GROUP BY p.plan ORDER BY p.plan`;
}

export function planCountsOf(rows: readonly Record<string, Cell>[], column: string): PlanCounts {
  const counts = { basic: 0, premium: 0 };
  for (const row of rows) {
    const plan = row['plan'];
    if (plan === 'basic' || plan === 'premium') counts[plan] = Number(row[column]);
  }
  return counts;
}

/**
 * How many tickets a report has under the wrong plan, or misses, or has too many of, against the truth: a
 * ticket moved from one plan to the other counts once, not once per plan.
 */
export function offBy(report: PlanCounts, truth: PlanCounts): number {
  const short = PLANS.reduce((sum, plan) => sum + Math.max(0, truth[plan] - report[plan]), 0);
  const over = PLANS.reduce((sum, plan) => sum + Math.max(0, report[plan] - truth[plan]), 0);
  return Math.max(short, over);
}

export const showCounts = (c: PlanCounts) => `basic ${c.basic} / premium ${c.premium}`;
