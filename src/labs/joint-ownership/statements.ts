/**
 * The SQL each service sends, per technique. Every write is one statement: the change and its log entry
 * together (a data-modifying CTE), so a write either lands with its log or not at all, and the trace shows
 * exactly what ran. Values are literals so the trace reads as the database saw it.
 */
import type { Cell } from '../engine/types.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { jointRowOf, type JointRow } from './other-data.ts';
import { logTable, qualified, TICKET_COLUMNS, type AppService, type TechniqueId, type TicketColumn } from './techniques.ts';
import type { Op } from './workload.ts';

/**
 * One statement a service sends, with the ticket columns its text names: the columns a change to the
 * schema would reach through it. `lab.test.ts` checks every statement's list against its text.
 */
export interface Statement {
  readonly sql: string;
  readonly columns: readonly TicketColumn[];
}

/** How every query reads a schedule: minutes in UTC. */
export const SCHEDULE_TEXT = "to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')";

/** A row of the jointly owned table, as a service that maps the whole row reads it. */
export interface TicketRow extends JointRow {
  readonly version: number;
}

/** The row a `readRow` query answered with. */
export function ticketRowOf(row: Readonly<Record<string, Cell>>): TicketRow {
  return { ...jointRowOf(row), version: Number(row['version']) };
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

/**
 * Wraps a data-modifying CTE named `changed` (returning `id`) so its rows are logged in the same statement.
 * `columns` are the ticket columns the change names; the log's own columns are not the ticket's schema.
 */
function logged(technique: TechniqueId, service: AppService, requestId: string, op: Op, change: Statement, returning = 'id'): Statement {
  const values = intended(op)
    .map(([col, value]) => `(${sqlText(col)}, ${sqlText(value)})`)
    .join(', ');
  const sql = [
    `WITH changed AS (${change.sql} RETURNING ${returning})`,
    `INSERT INTO ${logTable(technique, service)} (request_id, ticket_id, col, value, service)`,
    `SELECT ${sqlText(requestId)}, changed.id, c.col, c.value, ${sqlText(service)} FROM changed, (VALUES ${values}) AS c (col, value)`,
  ].join('\n');
  return { sql, columns: change.columns };
}

export function readRow(technique: TechniqueId, ticketId: number): Statement {
  return { sql: `SELECT ${ROW_COLUMNS} FROM ${qualified(technique, 'tickets')} WHERE id = ${sqlInt(ticketId)}`, columns: TICKET_COLUMNS };
}

export function createTicket(technique: TechniqueId, service: AppService, requestId: string, op: Op & { kind: 'create' }): Statement {
  const insert = `INSERT INTO ${qualified(technique, 'tickets')} (id, customer_id, description, priority, status) VALUES (${sqlInt(op.ticketId)}, ${sqlInt(op.customerId)}, ${sqlText(op.description)}, ${sqlText(op.priority)}, 'open')`;
  return logged(technique, service, requestId, op, { sql: insert, columns: ['customer_id', 'description', 'priority', 'status'] });
}

/**
 * A change by the service that owns the columns: one conditional statement, so a closed ticket refuses it
 * whatever happened since the request arrived. Used where one service writes each column (split, delegate,
 * merged). A split Assignment upserts its own table and cannot see the status: that is the split's price.
 */
export function ownerWrite(technique: TechniqueId, service: AppService, requestId: string, op: Op): Statement {
  const tickets = qualified(technique, 'tickets');
  const id = sqlInt(op.ticketId);
  switch (op.kind) {
    case 'create':
      return createTicket(technique, service, requestId, op);
    case 'close':
      return logged(technique, service, requestId, op, {
        sql: `UPDATE ${tickets} SET status = 'closed' WHERE id = ${id} AND status <> 'closed'`,
        columns: ['status'],
      });
    case 'reprioritize':
      return logged(technique, service, requestId, op, {
        sql: `UPDATE ${tickets} SET priority = ${sqlText(op.priority)} WHERE id = ${id} AND status <> 'closed'`,
        columns: ['priority', 'status'],
      });
    case 'assign':
      if (technique === 'split') {
        const upsert = `INSERT INTO ticket_assignments (ticket_id, expert_id, scheduled_for) VALUES (${id}, ${sqlInt(op.expertId)}, ${utc(op.scheduledFor)}) ON CONFLICT (ticket_id) DO UPDATE SET expert_id = EXCLUDED.expert_id, scheduled_for = EXCLUDED.scheduled_for`;
        return logged(technique, service, requestId, op, { sql: upsert, columns: ['expert_id', 'scheduled_for'] }, 'ticket_id AS id');
      }
      return logged(technique, service, requestId, op, {
        sql: `UPDATE ${tickets} SET expert_id = ${sqlInt(op.expertId)}, scheduled_for = ${utc(op.scheduledFor)} WHERE id = ${id} AND status <> 'closed'`,
        columns: ['expert_id', 'scheduled_for', 'status'],
      });
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
export function saveWholeRow(service: AppService, requestId: string, op: Op, row: TicketRow, checkVersion: boolean): Statement {
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
  return logged('domain', service, requestId, op, {
    sql: `UPDATE ${qualified('domain', 'tickets')} SET ${sets} WHERE ${where}`,
    columns: TICKET_COLUMNS,
  });
}
