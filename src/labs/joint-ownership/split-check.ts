/**
 * Checks a table split on the split database: the columns went where they belong, every row and value
 * survived, ticket_id is both primary key and foreign key, and each service's real write statements work on
 * its own slice and are refused by Postgres on the other's. The write probes run in transactions that are
 * rolled back, so checking changes nothing.
 */
import { select } from '../check/select.ts';
import type { Cell, Database } from '../engine/types.ts';
import { jointRowOf, type JointRow } from './other-data.ts';
import { ownerWrite, SCHEDULE_TEXT } from './statements.ts';
import { ASSIGNMENT, ROLE, TICKET } from './techniques.ts';

export const JOINT_ROWS_SQL = `SELECT id, customer_id, description, priority, status, expert_id, ${SCHEDULE_TEXT} AS scheduled_for FROM tickets ORDER BY id`;

export async function readJointRows(db: Database): Promise<JointRow[]> {
  return (await select(db, JOINT_ROWS_SQL)).map(jointRowOf);
}

async function columns(db: Database, table: string): Promise<string[]> {
  const rows = await select(
    db,
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`,
  );
  return rows.map((r) => String(r['column_name']));
}

export async function keyConstraints(db: Database): Promise<{ pk: boolean; fk: boolean }> {
  const constraints = await select(
    db,
    `SELECT c.contype, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     WHERE c.conrelid = to_regclass('public.ticket_assignments') AND c.contype IN ('p', 'f')`,
  );
  return {
    pk: constraints.some((c) => c['contype'] === 'p' && String(c['def']) === 'PRIMARY KEY (ticket_id)'),
    fk: constraints.some((c) => c['contype'] === 'f' && String(c['def']).startsWith('FOREIGN KEY (ticket_id) REFERENCES tickets(id)')),
  };
}

/** Runs one statement as `role` and rolls it back; returns the SQLSTATE, or '' when it succeeded. */
async function probe(db: Database, role: string, statement: string): Promise<string> {
  const result = await db.query(`BEGIN;\nSET LOCAL ROLE ${role};\n${statement};\nROLLBACK;`);
  if (result.ok) return '';
  await db.query('ROLLBACK');
  return result.error.code;
}

async function grantProblems(db: Database, ticketId: number): Promise<string[]> {
  const problems: string[] = [];
  const reprioritize = ownerWrite('split', TICKET, 'split-check-1', { kind: 'reprioritize', ticketId, priority: 'high', at: 0 });
  const assign = ownerWrite('split', ASSIGNMENT, 'split-check-2', {
    kind: 'assign',
    ticketId,
    expertId: 1,
    scheduledFor: '2026-03-01 10:00',
    at: 0,
  });
  const ticketOwn = await probe(db, ROLE.ticket, reprioritize.sql);
  if (ticketOwn !== '') problems.push(`Ticket’s own update of tickets fails (${ticketOwn})`);
  const assignmentOwn = await probe(db, ROLE.assignment, assign.sql);
  if (assignmentOwn !== '') problems.push(`Assignment’s own upsert into ticket_assignments fails (${assignmentOwn})`);
  const assignmentOnTickets = await probe(db, ROLE.assignment, `UPDATE tickets SET priority = priority WHERE id = ${ticketId}`);
  if (assignmentOnTickets !== '42501') problems.push('assignment_svc can still write tickets (revoke it)');
  const ticketOnAssignments = await probe(
    db,
    ROLE.ticket,
    `UPDATE ticket_assignments SET expert_id = expert_id WHERE ticket_id = ${ticketId}`,
  );
  if (ticketOnAssignments !== '42501') problems.push('ticket_svc can write ticket_assignments');
  return problems;
}

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  return String(a ?? null) === String(b ?? null);
}

async function dataProblems(db: Database, before: readonly JointRow[]): Promise<string[]> {
  const tickets = await select(db, 'SELECT id, customer_id, description, priority, status FROM tickets ORDER BY id');
  const slice = await select(
    db,
    `SELECT ticket_id, expert_id, ${SCHEDULE_TEXT} AS scheduled_for FROM ticket_assignments ORDER BY ticket_id`,
  );
  const problems: string[] = [];
  const byId = new Map(tickets.map((t) => [Number(t['id']), t]));
  const assignments = new Map(slice.map((a) => [Number(a['ticket_id']), a]));
  for (const row of before) {
    const t = byId.get(row.id);
    if (!t) problems.push(`ticket ${row.id} is gone from tickets`);
    else if (!(['customer_id', 'description', 'priority', 'status'] as const).every((c) => same(t[c], row[c])))
      problems.push(`ticket ${row.id} changed its values`);
    const a = assignments.get(row.id);
    if (row.expert_id !== null && !a)
      problems.push(`ticket ${row.id}’s assignment (expert ${row.expert_id}) did not move to ticket_assignments`);
    if (row.expert_id !== null && a && !(same(a['expert_id'], row.expert_id) && same(a['scheduled_for'], row.scheduled_for)))
      problems.push(`ticket ${row.id}’s assignment changed on the way`);
    if (row.expert_id === null && a) problems.push(`ticket ${row.id} had no expert but now has an assignment row`);
  }
  if (tickets.length !== before.length) problems.push(`tickets holds ${tickets.length} rows where there were ${before.length}`);
  return problems;
}

/** Everything wrong with the split as it stands; empty when it is right. `before` is the table before the split. */
export async function splitProblems(db: Database, before?: readonly JointRow[]): Promise<string[]> {
  const ticketColumns = await columns(db, 'tickets');
  const sliceColumns = await columns(db, 'ticket_assignments');
  if (sliceColumns.length === 0) return ['there is no ticket_assignments table'];
  const problems: string[] = [];
  for (const c of ['expert_id', 'scheduled_for']) if (ticketColumns.includes(c)) problems.push(`tickets still has ${c}`);
  for (const c of ['ticket_id', 'expert_id', 'scheduled_for'])
    if (!sliceColumns.includes(c)) problems.push(`ticket_assignments has no ${c}`);
  const { pk, fk } = await keyConstraints(db);
  if (!pk) problems.push('ticket_assignments needs PRIMARY KEY (ticket_id)');
  if (!fk) problems.push('ticket_assignments.ticket_id must reference tickets (id)');
  if (problems.length > 0) return problems;
  if (before) problems.push(...(await dataProblems(db, before)));
  const anyTicket = (await select(db, 'SELECT min(id) AS id FROM tickets'))[0]?.['id'];
  if (anyTicket !== null && anyTicket !== undefined) problems.push(...(await grantProblems(db, Number(anyTicket))));
  return problems;
}
