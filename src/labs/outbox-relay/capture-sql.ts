/**
 * The statements each capture runs on the ticket database, in one place: the chapter quotes them, the relay
 * runs them, and the exercises run the reader's own in their place. `:watermark` stands for the copier's
 * remembered position, written in as a literal.
 */
import { sqlText } from '../kit/service-sql.ts';

/** Every unmarked outbox row, oldest first. No watermark: a row committed late is still unmarked. */
export const OUTBOX_POLL = `SELECT event_id, ticket_id, version, payload->>'status' AS status, payload->>'assignee' AS assignee
FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT 50`;

/** Marks rows sent. A relay that stops before this statement sends them again. */
export function outboxMark(eventIds: readonly string[], now: number): string {
  return `UPDATE outbox SET relayed_at = ${now} WHERE event_id IN (${eventIds.map(sqlText).join(', ')})`;
}

/**
 * The classic copier: rows changed since the highest sequence number seen. A transaction that took a lower
 * number and commits after a higher one was copied is skipped for ever.
 */
export const SEQ_EXTRACT = `SELECT id, status, assignee, version, seq AS watermark
FROM tickets WHERE seq > :watermark ORDER BY seq LIMIT 50`;

/**
 * The safe copier: only rows written by transactions older than every transaction still in progress
 * (`pg_snapshot_xmin`), which includes prepared ones; the watermark is that bound, so a row held back now
 * falls in the next range.
 */
export const SAFE_EXTRACT = `SELECT id, status, assignee, version, pg_snapshot_xmin(pg_current_snapshot())::text AS watermark
FROM tickets
WHERE changed_by >= :watermark::text::xid8 AND changed_by < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY changed_by`;

/** A copier's statement with its watermark written in. */
export function extractSql(template: string, watermark: string): string {
  return template.replaceAll(':watermark', sqlText(watermark));
}

/** Where the log is now, as a number of bytes: the relay reads up to here. */
export const WAL_HEAD = `SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn AS head, (SELECT lsn - '0/0'::pg_lsn FROM wal_origin) AS origin`;

/**
 * The log's records between two positions, only those the relay decodes. Positions are passed as parameters,
 * so the statement's text (and the lab's trace) is the same whatever the log's absolute position.
 */
export const WAL_RECORDS = `SELECT start_lsn - '0/0'::pg_lsn AS pos, xid::text AS xid, resource_manager AS rm, record_type AS type, description
FROM pg_get_wal_records_info('0/0'::pg_lsn + $1::numeric, '0/0'::pg_lsn + $2::numeric)
WHERE resource_manager IN ('LogicalMessage', 'Transaction')`;
