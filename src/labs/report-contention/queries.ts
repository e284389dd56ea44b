/**
 * Every statement the lab's services run, in one place. Operational statements touch one ticket through its
 * primary key; the report reads the whole history. That difference in shape is what the lab measures.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { FactRow, OperationalRequest } from './messages.ts';

/** Virtual milliseconds as a timestamp: the lab's clock starts on this day, after the seed's tickets. */
const CLOCK_START = "timestamptz '2026-02-02 09:00+00'";

/**
 * The monthly report on the monolith: three sections, each joining the normalised tables and grouping every
 * ticket of the history. One call runs all three, as a dashboard does when it loads.
 */
export const MONOLITH_REPORT_SQL = `SELECT z.region, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
  count(*)::int AS tickets, count(DISTINCT t.customer_id)::int AS customers,
  (count(*) FILTER (WHERE t.priority = 'high'))::int AS high_priority
FROM tickets t
JOIN customers c ON c.id = t.customer_id
JOIN zip_codes z ON z.zip = c.zip
GROUP BY 1, 2
ORDER BY 1, 2;
SELECT c.plan, t.priority, count(*)::int AS tickets, (count(*) FILTER (WHERE t.status <> 'closed'))::int AS not_closed
FROM tickets t
JOIN customers c ON c.id = t.customer_id
GROUP BY 1, 2
ORDER BY 1, 2;
SELECT e.skill, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS tickets
FROM tickets t
JOIN experts e ON e.id = t.expert_id
GROUP BY 1, 2
ORDER BY 1, 2`;

/** The same three sections on the analytics store: one wide table, nothing to join. */
export const ANALYTICS_REPORT_SQL = `SELECT region, opened_month AS month, count(*) AS tickets, count(DISTINCT customer_id) AS customers,
  sum(priority = 'high') AS high_priority
FROM ticket_facts
GROUP BY 1, 2
ORDER BY 1, 2;
SELECT plan, priority, count(*) AS tickets, sum(status <> 'closed') AS not_closed
FROM ticket_facts
GROUP BY 1, 2
ORDER BY 1, 2;
SELECT expert_skill AS skill, opened_month AS month, count(*) AS tickets
FROM ticket_facts
WHERE expert_skill IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2`;

/** What the store knows about its own freshness, read right after the report in the same call. */
export const ANALYTICS_FRESHNESS_SQL = `SELECT coalesce((SELECT changed_at_ms FROM ticket_facts ORDER BY change_seq DESC LIMIT 1), 0) AS newest_ms,
  copied_seq, checked_seq FROM etl_state`;

/** One operational statement per request; each returns the change number the trigger stamped. */
export function operationSql(request: OperationalRequest, now: number): string {
  const at = sqlInt(now);
  const id = sqlInt(request.ticketId);
  switch (request.op) {
    case 'open':
      return `INSERT INTO tickets (id, customer_id, description, priority, created_at, changed_at_ms)
VALUES (${id}, ${sqlInt(request.customerId ?? 1)}, ${sqlText(request.description ?? 'New ticket')}, ${sqlText(request.priority ?? 'normal')}, ${CLOCK_START} + ${at} * interval '1 millisecond', ${at})
RETURNING change_seq`;
    case 'assign':
      return `WITH t AS (
  UPDATE tickets SET status = 'assigned', expert_id = ${sqlInt(request.expertId ?? 1)}, changed_at_ms = ${at}
  WHERE id = ${id} AND status = 'open' RETURNING id, expert_id, change_seq
), a AS (
  INSERT INTO assignments (ticket_id, expert_id, scheduled_for)
  SELECT id, expert_id, ${CLOCK_START} + (${at} + 3600000) * interval '1 millisecond' FROM t
)
SELECT change_seq FROM t`;
    case 'close':
      return `UPDATE tickets SET status = 'closed', changed_at_ms = ${at} WHERE id = ${id} AND status <> 'closed' RETURNING change_seq`;
  }
}

/** The newest change number the monolith has committed. */
export const HEAD_SQL = 'SELECT coalesce(max(change_seq), 0)::int AS head_seq FROM tickets';

/** How the copy job finds what to copy: by change number (right) or by ticket id (the broken variant). */
export type Watermark = 'change-seq' | 'ticket-id';

/**
 * Extract and transform in one call: the newest change number the monolith has right now, then the changed
 * tickets joined with their customer, region and expert, as the wide rows the store keeps.
 */
export function extractSql(by: Watermark, after: number, limit: number): string {
  const where = by === 'change-seq' ? `t.change_seq > ${sqlInt(after)}` : `t.id > ${sqlInt(after)}`;
  const order = by === 'change-seq' ? 't.change_seq' : 't.id';
  return `${HEAD_SQL};
SELECT t.id AS ticket_id, t.customer_id, c.plan, z.region, z.city, t.priority, t.status, e.skill AS expert_skill,
  to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS opened_month, t.change_seq::int AS change_seq,
  t.changed_at_ms::int AS changed_at_ms
FROM tickets t
JOIN customers c ON c.id = t.customer_id
JOIN zip_codes z ON z.zip = c.zip
LEFT JOIN experts e ON e.id = t.expert_id
WHERE ${where}
ORDER BY ${order}
LIMIT ${sqlInt(limit)}`;
}

/** Load: upsert the wide rows and move the watermark, in one local transaction of the store. */
export function loadSql(rows: readonly FactRow[], checkedSeq: number, now: number): string {
  const statements: string[] = ['BEGIN;'];
  if (rows.length > 0) {
    const values = rows
      .map(
        (r) =>
          `(${[
            sqlInt(r.ticketId),
            sqlInt(r.customerId),
            sqlText(r.plan),
            sqlText(r.region),
            sqlText(r.city),
            sqlText(r.priority),
            sqlText(r.status),
            r.expertSkill === null ? 'NULL' : sqlText(r.expertSkill),
            sqlText(r.openedMonth),
            sqlInt(r.changeSeq),
            sqlInt(r.changedAtMs),
            sqlInt(now),
          ].join(', ')})`,
      )
      .join(',\n  ');
    statements.push(
      `INSERT INTO ticket_facts VALUES\n  ${values}
ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, expert_skill = excluded.expert_skill,
  priority = excluded.priority, change_seq = excluded.change_seq, changed_at_ms = excluded.changed_at_ms,
  copied_at_ms = excluded.copied_at_ms;`,
    );
  }
  const maxSeq = Math.max(0, ...rows.map((r) => r.changeSeq));
  const maxId = Math.max(0, ...rows.map((r) => r.ticketId));
  statements.push(
    `UPDATE etl_state SET copied_seq = max(copied_seq, ${sqlInt(maxSeq)}), copied_id = max(copied_id, ${sqlInt(maxId)}),
  checked_seq = max(checked_seq, ${sqlInt(checkedSeq)}), last_pass_ms = ${sqlInt(now)}, passes = passes + 1;`,
    'COMMIT;',
  );
  return statements.join('\n');
}

export const WATERMARK_SQL = 'SELECT copied_seq, copied_id FROM etl_state';
