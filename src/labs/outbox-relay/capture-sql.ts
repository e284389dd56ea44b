/**
 * The statements each capture runs on the ticket database, in one place: the chapter quotes them, the relay
 * runs them, and the exercises run the reader's own in their place. `:watermark` stands for the copier's
 * remembered position, written in as a literal.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';

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

/** A copier's statement with its watermark written in, as the exercise runs the reader's. */
export function extractSql(template: string, watermark: string): string {
  return template.replaceAll(':watermark', sqlText(watermark));
}

const BASE_XID = '(SELECT origin_xid::text::bigint FROM wal_slot)';

/** The sequence copier as the relay runs it: the watermark passed as a parameter. */
export const SEQ_EXTRACT_RELAYED = SEQ_EXTRACT.replace(':watermark', '$1::bigint');

/**
 * The safe copier as the relay runs it. Its watermark is a transaction id, which the relay keeps counted from
 * the slot's origin_xid: neither the statement nor the messages (the lab's trace) then depend on how many
 * transactions the database had run before the lab started.
 */
export const SAFE_EXTRACT_RELAYED = `SELECT id, status, assignee, version, (watermark::bigint - ${BASE_XID})::text AS watermark
FROM (${SAFE_EXTRACT.replace(':watermark', `($1::bigint + ${BASE_XID})`)}) e`;

/** Creates the slot before the first change; later calls do nothing. */
export const CREATE_SLOT = `INSERT INTO wal_slot (origin_lsn, origin_xid)
SELECT pg_current_wal_insert_lsn(), pg_snapshot_xmax(pg_current_snapshot()) WHERE NOT EXISTS (SELECT 1 FROM wal_slot)`;

/** How far the log has grown since the slot's origin, in bytes, and where the slot stands. */
export const WAL_HEAD = 'SELECT pg_current_wal_insert_lsn() - origin_lsn AS head, restart, confirmed FROM wal_slot';

/**
 * The log's records from the slot's restart position up to `$1` bytes after its origin, only those the
 * decoder reads, with positions and the ended transaction's id (COMMIT PREPARED names it in its description)
 * counted from the slot's origin. The description is kept only for messages: a commit's carries the
 * wall-clock time.
 */
export const WAL_RECORDS = `SELECT r.start_lsn - s.origin_lsn AS pos,
  coalesce(substring(r.description from '^([0-9]+):')::bigint, r.xid::text::bigint) - s.origin_xid::text::bigint AS xid,
  r.resource_manager AS rm, r.record_type AS type,
  CASE WHEN r.resource_manager = 'LogicalMessage' THEN r.description ELSE '' END AS description
FROM wal_slot s, pg_get_wal_records_info(s.origin_lsn + s.restart, s.origin_lsn + $1::numeric) r
WHERE r.resource_manager IN ('LogicalMessage', 'Transaction')`;

/** What the slot will advance to once the relay acknowledges poll `poll`; the positions as parameters. */
export const walPending = (poll: number) =>
  `UPDATE wal_slot SET pending_poll = ${sqlInt(poll)}, pending_restart = $1::bigint, pending_confirmed = $2::bigint`;

/** The relay acknowledged poll `poll`: the slot moves on, unless a later read has replaced what was pending. */
export const walConfirm = (poll: number) =>
  `UPDATE wal_slot SET restart = pending_restart, confirmed = pending_confirmed WHERE pending_poll = ${sqlInt(poll)}`;

/** The log the slot needed is gone: it starts again from where the log is now. */
export const WAL_SKIP_TO = 'UPDATE wal_slot SET restart = $1::bigint, confirmed = $1::bigint, pending_poll = NULL';
