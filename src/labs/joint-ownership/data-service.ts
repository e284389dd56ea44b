/**
 * The database services: Postgres servers that application services reach over the network. Each query runs
 * as the role of the service that sent it (`SET LOCAL ROLE`), so Postgres itself, through its grants, decides
 * what that service may read and write. The lab counts connections only as messages; each PGlite instance
 * has one real connection.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { TableView } from '../sim/types.ts';
import { audit } from './audit.ts';
import type { AuditMessage, JointOwnership, QueryMessage } from './messages.ts';
import { SPLIT_DB_SQL, TICKET_DB_SQL } from './schema.ts';
import splitMigrationSql from './split-migration.sql?raw';
import { SCHEDULE_TEXT } from './statements.ts';
import { CLIENT, isAppService, ROLE, TECHNIQUE, TECHNIQUES, type DataService, type SPLIT_DB, type TICKET_DB } from './techniques.ts';

export const SPLIT_MIGRATION_SQL = splitMigrationSql;

/** The statement's own result sits after BEGIN and SET LOCAL ROLE. */
const STATEMENT_INDEX = 2;

type Ctx = LabContext<JointOwnership, DataService, null>;

async function runQuery(ctx: Ctx, message: QueryMessage, from: string) {
  if (!isAppService(from)) throw new Error(`query from ${from}, which has no role`);
  const result = await ctx.sql(`BEGIN;\nSET LOCAL ROLE ${ROLE[from]};\n${message.sql};\nCOMMIT;`);
  // A failed statement leaves the transaction aborted on the one connection: end it before anything else runs.
  if (!result.ok) await ctx.sql('ROLLBACK');
  const statement = result.ok ? result.results[STATEMENT_INDEX] : undefined;
  ctx.send(from, {
    type: 'result',
    requestId: message.requestId,
    flow: message.flow,
    ok: result.ok,
    code: result.ok ? '' : result.error.code,
    message: result.ok ? '' : result.error.message,
    affected: statement?.affectedRows ?? 0,
    rows: result.ok && statement ? rowsOf({ ...result, results: [statement] }) : [],
  });
  ctx.fact({ kind: 'hop', requestId: message.requestId, link: 'database' });
}

/** Audits every technique this database holds and answers the client, which asked. */
async function auditHere(ctx: Ctx, message: AuditMessage) {
  const rows = [];
  for (const technique of TECHNIQUES.filter((t) => TECHNIQUE[t].database === ctx.name)) {
    rows.push((await audit((sql) => ctx.sql(sql), technique)).row);
  }
  ctx.send(CLIENT, { type: 'audit-result', run: message.run, rows });
}

const schemaTickets = (schema: string): TableView => ({
  title: `${schema}.tickets`,
  sql: `SELECT id, customer_id, priority, status, expert_id, ${SCHEDULE_TEXT} AS scheduled_for, version FROM ${schema}.tickets ORDER BY id`,
});

export const splitDb: ServiceSpec<JointOwnership, typeof SPLIT_DB, null> = {
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
  initialState: () => null,
  on: {
    query: runQuery,
    audit: auditHere,
    async 'apply-split'(ctx) {
      const result = await ctx.sql(SPLIT_MIGRATION_SQL);
      if (!result.ok) await ctx.sql('ROLLBACK');
      ctx.note(result.ok ? 'split tickets into tickets and ticket_assignments' : `the split failed: ${result.error.message}`);
    },
  },
};

export const ticketDb: ServiceSpec<JointOwnership, typeof TICKET_DB, null> = {
  label: 'Ticket database',
  role: 'One Postgres, a schema per technique: domain (shared), delegate (Ticket owns), merged (one service)',
  database: { kind: 'postgres', setupSql: TICKET_DB_SQL },
  tables: [schemaTickets('domain'), schemaTickets('delegate'), schemaTickets('merged')],
  initialState: () => null,
  on: { query: runQuery, audit: auditHere },
};
