/**
 * The integrity audit: real queries that count, per technique, what went wrong with the ticket data.
 * A lost update is a column whose last logged write is not what the row holds; a closed-ticket assignment
 * is an assignment written after its ticket was closed; an orphan is an assignment without its ticket.
 * The database services run it for the Measured panel, and the invariants run the same queries.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { AuditRow } from './messages.ts';
import { qualified, type TechniqueId } from './techniques.ts';

export type RunSql = (sql: string) => Promise<QueryResult>;

function currentValue(alias: string): string {
  return `CASE l.col WHEN 'customer_id' THEN ${alias}.customer_id::text WHEN 'description' THEN ${alias}.description WHEN 'priority' THEN ${alias}.priority WHEN 'status' THEN ${alias}.status WHEN 'expert_id' THEN ${alias}.expert_id::text WHEN 'scheduled_for' THEN to_char(${alias}.scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') END`;
}

/** Rows of `log` whose latest value per (ticket, column) differs from what `source` holds now. */
export function lostUpdatesSql(log: string, source: string): string {
  return `WITH last AS (SELECT DISTINCT ON (ticket_id, col) ticket_id, col, value, request_id FROM ${log} ORDER BY ticket_id, col, seq DESC)
SELECT l.ticket_id, l.col, l.value AS written, l.request_id, ${currentValue('r')} AS row_holds
FROM last l LEFT JOIN ${source} r ON r.id = l.ticket_id
WHERE l.value IS DISTINCT FROM ${currentValue('r')}
ORDER BY l.ticket_id, l.col`;
}

export function closedAssignmentsSql(assignmentLog: string, statusLog: string, tickets: string): string {
  return `SELECT a.ticket_id, a.request_id FROM ${assignmentLog} a JOIN ${tickets} t ON t.id = a.ticket_id
WHERE a.col = 'expert_id' AND t.status = 'closed'
  AND NOT EXISTS (SELECT 1 FROM ${statusLog} c WHERE c.ticket_id = a.ticket_id AND c.col = 'status' AND c.value = 'closed' AND c.seq > a.seq)
ORDER BY a.ticket_id, a.request_id`;
}

export const ORPHANS_SQL =
  'SELECT ta.ticket_id FROM ticket_assignments ta WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = ta.ticket_id)';
export const IS_SPLIT_SQL = "SELECT to_regclass('public.ticket_assignments') IS NOT NULL AS split";

/** Ticket's slice after the split, shaped like a ticket row. */
const TICKET_SLICE =
  '(SELECT id, customer_id, description, priority, status, NULL::integer AS expert_id, NULL::timestamptz AS scheduled_for FROM tickets)';

/** Assignment's slice after the split, shaped like a ticket row so one comparison serves both slices. */
const ASSIGNMENT_SLICE =
  '(SELECT ticket_id AS id, NULL::integer AS customer_id, NULL::text AS description, NULL::text AS priority, NULL::text AS status, expert_id, scheduled_for FROM ticket_assignments)';

export interface AuditDetail {
  readonly row: AuditRow;
  readonly lost: readonly Record<string, Cell>[];
  readonly closed: readonly Record<string, Cell>[];
}

async function rows(run: RunSql, sql: string): Promise<Record<string, Cell>[]> {
  const result = await run(sql);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return rowsOf(result);
}

export function splitDone(run: RunSql): Promise<boolean> {
  return rows(run, IS_SPLIT_SQL).then((r) => r[0]?.['split'] === true);
}

async function auditOrThrow(run: RunSql, technique: TechniqueId): Promise<AuditDetail> {
  if (technique !== 'split') {
    const log = qualified(technique, 'write_log');
    const tickets = qualified(technique, 'tickets');
    const lost = await rows(run, lostUpdatesSql(log, tickets));
    const closed = await rows(run, closedAssignmentsSql(log, log, tickets));
    return { row: { technique, lostUpdates: lost.length, closedAssignments: closed.length, orphanAssignments: null }, lost, closed };
  }
  const split = await splitDone(run);
  const lost = [
    ...(await rows(run, lostUpdatesSql('ticket_log', split ? TICKET_SLICE : 'tickets'))),
    ...(await rows(run, lostUpdatesSql('assignment_log', split ? ASSIGNMENT_SLICE : 'tickets'))),
  ];
  const closed = await rows(run, closedAssignmentsSql('assignment_log', 'ticket_log', 'tickets'));
  const orphans = split ? (await rows(run, ORPHANS_SQL)).length : null;
  return { row: { technique, lostUpdates: lost.length, closedAssignments: closed.length, orphanAssignments: orphans }, lost, closed };
}

/** Audits one technique; a query that fails (a half-done split) is reported, not thrown. */
export async function audit(run: RunSql, technique: TechniqueId): Promise<AuditDetail> {
  try {
    return await auditOrThrow(run, technique);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      row: { technique, lostUpdates: 0, closedAssignments: 0, orphanAssignments: null, error: reason },
      lost: [],
      closed: [],
    };
  }
}
