/**
 * The joint-ownership lab: Ticket and Assignment both write the `tickets` table, and the lab runs the four
 * ways out of it side by side on one seeded workload: a table split (its own Postgres), and a data domain,
 * a delegate and a consolidated service (a schema each in a second Postgres). A SQLite client sends the
 * workload and logs every outcome.
 */
import type { LabDefinition, TableView } from '../sim/types.ts';
import { assignmentService, ticketManagementService, ticketService } from './app-service.ts';
import { client } from './client.ts';
import clientSql from './client.sql?raw';
import { dataService } from './data-service.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import { SPLIT_DB_SQL, TICKET_DB_SQL } from './schema.ts';
import { SCHEDULE_TEXT } from './statements.ts';
import { ASSIGNMENT, CLIENT, SPLIT_DB, TICKET, TICKET_DB, TICKET_MANAGEMENT } from './techniques.ts';

const schemaTickets = (schema: string): TableView => ({
  title: `${schema}.tickets`,
  sql: `SELECT id, customer_id, priority, status, expert_id, ${SCHEDULE_TEXT} AS scheduled_for, version FROM ${schema}.tickets ORDER BY id`,
});

export const jointOwnershipLab: LabDefinition = {
  id: 'joint-ownership',
  title: 'Four ways to resolve a jointly owned table',
  services: [
    {
      name: CLIENT,
      label: 'Client',
      role: 'Sends the same seeded workload to all four techniques and logs every outcome (SQLite)',
      database: { kind: 'sqlite', setupSql: clientSql },
      tables: [
        {
          title: 'outcomes by technique',
          sql: 'SELECT run, technique, kind, outcome, count(*) AS requests FROM requests GROUP BY run, technique, kind, outcome ORDER BY run, technique, kind, outcome',
        },
        {
          title: 'requests',
          sql: 'SELECT request_id, kind, ticket_id, service, outcome, detail FROM requests ORDER BY sent_at, request_id',
        },
      ],
    },
    {
      name: TICKET,
      label: 'Ticket',
      role: 'Creates, closes and reprioritises tickets; owns the ticket data under delegate',
      tables: [],
    },
    {
      name: ASSIGNMENT,
      label: 'Assignment',
      role: 'Assigns an expert and a time to a ticket',
      tables: [],
    },
    {
      name: TICKET_MANAGEMENT,
      label: 'Ticket management',
      role: 'Ticket and Assignment consolidated into one service',
      tables: [],
    },
    {
      name: SPLIT_DB,
      label: 'Split database',
      role: 'The table-split technique’s Postgres: tickets, then ticket_assignments once split',
      database: { kind: 'postgres', setupSql: SPLIT_DB_SQL },
      tables: [
        { title: 'tickets', sql: 'SELECT * FROM tickets ORDER BY id' },
        {
          title: 'ticket_assignments',
          sql: "SELECT ticket_id, expert_id, to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS scheduled_for FROM ticket_assignments ORDER BY ticket_id",
        },
        {
          title: 'write grants',
          sql: "SELECT table_name, grantee, string_agg(privilege_type, ', ' ORDER BY privilege_type) AS privileges FROM information_schema.role_table_grants WHERE grantee IN ('ticket_svc', 'assignment_svc') GROUP BY table_name, grantee ORDER BY table_name, grantee",
        },
      ],
    },
    {
      name: TICKET_DB,
      label: 'Ticket database',
      role: 'One Postgres, a schema per technique: domain (shared), delegate (Ticket owns), merged (one service)',
      database: { kind: 'postgres', setupSql: TICKET_DB_SQL },
      tables: [schemaTickets('domain'), schemaTickets('delegate'), schemaTickets('merged')],
    },
  ],
  behaviours: {
    [CLIENT]: client,
    [TICKET]: ticketService,
    [ASSIGNMENT]: assignmentService,
    [TICKET_MANAGEMENT]: ticketManagementService,
    [SPLIT_DB]: dataService(SPLIT_DB),
    [TICKET_DB]: dataService(TICKET_DB),
  },
  faults,
  invariants,
  measures,
  actions: [
    { id: 'run-workload', label: 'Run the workload', service: CLIENT, message: { type: 'run-workload' } },
    { id: 'apply-split', label: 'Apply the table split', service: SPLIT_DB, message: { type: 'apply-split' } },
    { id: 'audit', label: 'Audit the databases now', service: CLIENT, message: { type: 'audit' } },
  ],
  network: { latencyMs: 10, jitterMs: 5 },
  statementLimitMs: 10_000,
  exercises,
};

export default jointOwnershipLab;
