/**
 * The two Postgres services: the shared monolith and the Ticket service's own database, which starts
 * empty. Each runs the requests services send it, as a connection would (see requests.ts), and the
 * monolith can hand one of its schemas over to the other database.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { TableView } from '../sim/types.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import type { LoadSchema, MoveSchema, PullApart, Query } from './messages.ts';
import { planMove } from './move.ts';
import { runRequest, type DatabaseName } from './requests.ts';
import { requestOf, roleOf } from './services.ts';
import ticketDbSql from './ticket-db.sql?raw';

type Ctx = LabContext<PullApart, DatabaseName, null>;

const USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

const tablesBySchema: TableView = {
  title: 'Tables and views by schema',
  sql: `SELECT n.nspname AS schema, c.relname AS name, CASE c.relkind WHEN 'r' THEN 'table' ELSE 'view' END AS kind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v') AND ${USER_SCHEMAS} ORDER BY 1, 2`,
};

const foreignKeys: TableView = {
  title: 'Foreign keys',
  sql: "SELECT conname AS name, conrelid::regclass AS from_table, confrelid::regclass AS to_table FROM pg_constraint WHERE contype = 'f' ORDER BY 1",
};

const serviceRoles: TableView = {
  title: 'Service roles and the schemas they may use',
  sql: `SELECT r.rolname AS role,
  coalesce((SELECT string_agg(n.nspname, ', ' ORDER BY n.nspname) FROM pg_namespace n
    WHERE ${USER_SCHEMAS} AND n.nspname <> 'public' AND has_schema_privilege(r.rolname, n.oid, 'USAGE')), '(none)') AS may_use
FROM pg_roles r WHERE r.rolname LIKE '%\\_service' ORDER BY 1`,
};

async function answer(ctx: Ctx, query: Query) {
  const outcome = await runRequest((sql) => ctx.sql(sql), query.service, requestOf(query.service, query.request));
  ctx.send(query.service, {
    type: 'result',
    request: query.request,
    ok: outcome.ok,
    code: outcome.code,
    rows: outcome.rows,
    ...(query.caller ? { caller: query.caller } : {}),
    ...(outcome.error ? { error: `${outcome.error.code}: ${outcome.error.message}` } : {}),
  });
}

async function move(ctx: Ctx, message: MoveSchema) {
  const plan = await planMove((sql) => ctx.sql(sql), message.schema, roleOf(message.service));
  if (plan.blockers.length > 0) {
    ctx.note(`cannot move ${message.schema} yet: ${plan.blockers.join('; ')}`);
    return;
  }
  ctx.send(message.to, { type: 'load-schema', schema: message.schema, service: message.service, script: plan.script, rows: plan.rows });
}

async function load(ctx: Ctx, message: LoadSchema) {
  const result = await ctx.sql(message.script);
  if (!result.ok) {
    await ctx.sql('ROLLBACK');
    ctx.note(`loading ${message.schema} failed (${result.error.code}): ${result.error.message}`);
    return;
  }
  const copied = Object.entries(message.rows).map(([table, n]) => `${n} rows of ${table}`);
  ctx.note(`holds schema ${message.schema} now: ${copied.join(', ')}`);
  ctx.send(message.service, { type: 'switch-database', database: ctx.name });
}

const on = { query: answer, 'move-schema': move, 'load-schema': load };

export const monolith: ServiceSpec<PullApart, DatabaseName, null> = {
  label: 'Monolith (Postgres)',
  role: 'The one shared database every service reads and writes',
  database: { kind: 'postgres', setupSql: MONOLITH_SQL },
  tables: [tablesBySchema, foreignKeys, serviceRoles],
  initialState: () => null,
  on,
};

export const ticketDb: ServiceSpec<PullApart, DatabaseName, null> = {
  label: 'Ticket database (Postgres)',
  role: 'Starts empty; the Ticket service’s own database once its schema moves',
  database: { kind: 'postgres', setupSql: ticketDbSql },
  tables: [tablesBySchema, serviceRoles],
  initialState: () => null,
  on,
};
