/**
 * The SQL each service sends, per technique. Every write is one statement: the change and its log entry
 * together (a data-modifying CTE), so a write either lands with its log or not at all, and the trace shows
 * exactly what ran. Values are literals so the trace reads as the database saw it.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { logTable, qualified, type AppService, type TechniqueId } from './techniques.ts';
import type { Op } from './workload.ts';

/** How every query reads a schedule: minutes in UTC. */
export const SCHEDULE_TEXT = "to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')";

/** A row of the jointly owned table, as a service that maps the whole row reads it. */
export interface TicketRow {
  readonly id: number;
  readonly customer_id: number;
  readonly description: string;
  readonly priority: string;
  readonly status: string;
  readonly expert_id: number | null;
  readonly scheduled_for: string | null;
  readonly version: number;
}

export const ROW_COLUMNS = `id, customer_id, description, priority, status, expert_id, ${SCHEDULE_TEXT} AS scheduled_for, version`;

/** Schedules are minutes in UTC, written and read in one format so the audit can compare them as text. */
function utc(minute: string): string {
  return sqlText(`${minute}+00`);
}

/** What a request means to change: the columns the log records for it. */
export function intended(op: Op): [string, string][] {
  switch (op.kind) {
    case 'create':
      return [
        ['customer_id', String(op.customerId)],
        ['description', op.description],
        ['priority', op.priority],
        ['status', 'open'],
      ];
    case 'assign':
      return [
        ['expert_id', String(op.expertId)],
        ['scheduled_for', op.scheduledFor],
      ];
    case 'close':
      return [['status', 'closed']];
    case 'reprioritize':
      return [['priority', op.priority]];
  }
}

/** Wraps a data-modifying CTE named `changed` (returning `id`) so its rows are logged in the same statement. */
function logged(technique: TechniqueId, service: AppService, requestId: string, op: Op, change: string, returning = 'id'): string {
  const values = intended(op)
    .map(([col, value]) => `(${sqlText(col)}, ${sqlText(value)})`)
    .join(', ');
  return [
    `WITH changed AS (${change} RETURNING ${returning})`,
    `INSERT INTO ${logTable(technique, service)} (request_id, ticket_id, col, value, service)`,
    `SELECT ${sqlText(requestId)}, changed.id, c.col, c.value, ${sqlText(service)} FROM changed, (VALUES ${values}) AS c (col, value)`,
  ].join('\n');
}

export function readRow(technique: TechniqueId, ticketId: number): string {
  return `SELECT ${ROW_COLUMNS} FROM ${qualified(technique, 'tickets')} WHERE id = ${sqlInt(ticketId)}`;
}

export function createTicket(technique: TechniqueId, service: AppService, requestId: string, op: Op & { kind: 'create' }): string {
  const insert = `INSERT INTO ${qualified(technique, 'tickets')} (id, customer_id, description, priority, status) VALUES (${sqlInt(op.ticketId)}, ${sqlInt(op.customerId)}, ${sqlText(op.description)}, ${sqlText(op.priority)}, 'open')`;
  return logged(technique, service, requestId, op, insert);
}

/**
 * A change by the service that owns the columns: one conditional statement, so a closed ticket refuses it
 * whatever happened since the request arrived. Used where one service writes each column (split, delegate,
 * merged). A split Assignment upserts its own table and cannot see the status: that is the split's price.
 */
export function ownerWrite(technique: TechniqueId, service: AppService, requestId: string, op: Op): string {
  const tickets = qualified(technique, 'tickets');
  const id = sqlInt(op.ticketId);
  switch (op.kind) {
    case 'create':
      return createTicket(technique, service, requestId, op);
    case 'close':
      return logged(technique, service, requestId, op, `UPDATE ${tickets} SET status = 'closed' WHERE id = ${id} AND status <> 'closed'`);
    case 'reprioritize':
      return logged(
        technique,
        service,
        requestId,
        op,
        `UPDATE ${tickets} SET priority = ${sqlText(op.priority)} WHERE id = ${id} AND status <> 'closed'`,
      );
    case 'assign':
      if (technique === 'split') {
        const upsert = `INSERT INTO ticket_assignments (ticket_id, expert_id, scheduled_for) VALUES (${id}, ${sqlInt(op.expertId)}, ${utc(op.scheduledFor)}) ON CONFLICT (ticket_id) DO UPDATE SET expert_id = EXCLUDED.expert_id, scheduled_for = EXCLUDED.scheduled_for`;
        return logged(technique, service, requestId, op, upsert, 'ticket_id AS id');
      }
      return logged(
        technique,
        service,
        requestId,
        op,
        `UPDATE ${tickets} SET expert_id = ${sqlInt(op.expertId)}, scheduled_for = ${utc(op.scheduledFor)} WHERE id = ${id} AND status <> 'closed'`,
      );
  }
}

/** The row as the request wants it, starting from the row the service read. */
export function applied(row: TicketRow, op: Op): TicketRow {
  switch (op.kind) {
    case 'assign':
      return { ...row, expert_id: op.expertId, scheduled_for: op.scheduledFor };
    case 'close':
      return { ...row, status: 'closed' };
    case 'reprioritize':
      return { ...row, priority: op.priority };
    case 'create':
      return row;
  }
}

/**
 * The data-domain technique's write: both services map the whole shared row (one entity class in a shared
 * library) and save every column. `checkVersion` adds the optimistic check; without it, a save made from a
 * stale read silently puts back what another service changed meanwhile.
 */
export function saveWholeRow(service: AppService, requestId: string, op: Op, row: TicketRow, checkVersion: boolean): string {
  const next = applied(row, op);
  const sets = [
    `customer_id = ${sqlInt(next.customer_id)}`,
    `description = ${sqlText(next.description)}`,
    `priority = ${sqlText(next.priority)}`,
    `status = ${sqlText(next.status)}`,
    `expert_id = ${next.expert_id === null ? 'NULL' : sqlInt(next.expert_id)}`,
    `scheduled_for = ${next.scheduled_for === null ? 'NULL' : utc(next.scheduled_for)}`,
    'version = version + 1',
  ].join(', ');
  const where = `id = ${sqlInt(row.id)}${checkVersion ? ` AND version = ${sqlInt(row.version)}` : ''}`;
  return logged('domain', service, requestId, op, `UPDATE ${qualified('domain', 'tickets')} SET ${sets} WHERE ${where}`);
}
