/**
 * The nightly batch, in SQL, in one place. It is ELT: the extract is loaded raw into `tickets_copy`, then
 * transformed in the analytics store, as dbt models run inside a warehouse. The same run recomputes the
 * batch table from scratch and scores every customer's churn risk. For Lambda, the view lambda_daily then
 * serves the batch's answer for every day it covers, in place of the speed layer's.
 */
import { sqlInt, transaction } from '../kit/service-sql.ts';
import type { TicketRow } from './messages.ts';
import { DAY_MS, dayOf } from './settings.ts';

const nullable = (n: number | null) => (n === null ? 'NULL' : sqlInt(n));

/** Churn risk out of 100: tickets opened in the last two days weigh most, tickets still open add to it. */
export const CHURN_SQL = (cutoff: number) => `INSERT INTO churn_scores (customer_id, score, computed_at)
SELECT customer_id, min(100, 20 * sum(opened_at >= ${sqlInt(cutoff - 2 * DAY_MS)}) + 15 * sum(closed_at IS NULL)), ${sqlInt(cutoff)}
FROM tickets_copy GROUP BY customer_id`;

/** Load, transform, score: one transaction, so a report never sees half a night. */
export function batchSql(tickets: readonly TicketRow[], cutoff: number, cutoffPosition: number): string {
  const cutoffDay = dayOf(cutoff);
  const load =
    tickets.length === 0
      ? []
      : [
          `INSERT INTO tickets_copy (id, customer_id, opened_at, closed_at) VALUES ${tickets.map((t) => `(${sqlInt(t.id)}, ${sqlInt(t.customerId)}, ${sqlInt(t.openedAt)}, ${nullable(t.closedAt)})`).join(', ')}`,
        ];
  return transaction([
    'DELETE FROM tickets_copy',
    ...load,
    'DELETE FROM batch_daily',
    `INSERT INTO batch_daily (day, opened, closed)
SELECT day, sum(opened), sum(closed) FROM (
  SELECT opened_at / ${DAY_MS} AS day, 1 AS opened, 0 AS closed FROM tickets_copy
  UNION ALL
  SELECT closed_at / ${DAY_MS}, 0, 1 FROM tickets_copy WHERE closed_at IS NOT NULL
) WHERE day < ${sqlInt(cutoffDay)} GROUP BY day`,
    `UPDATE batch_state SET cutoff = ${sqlInt(cutoff)}, cutoff_position = ${sqlInt(cutoffPosition)}, runs = runs + 1,
  newest_at = (SELECT max(at) FROM (SELECT opened_at AS at FROM tickets_copy UNION ALL SELECT closed_at FROM tickets_copy) WHERE at < ${sqlInt(cutoffDay * DAY_MS)})`,
    'DELETE FROM churn_scores',
    CHURN_SQL(cutoff),
  ]);
}
