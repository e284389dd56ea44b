/**
 * A database server with a connection limit. Postgres decides nothing here about connections (each PGlite
 * instance has exactly one real connection); this service applies Postgres's login rules to the connections
 * the lab simulates, reading the limits from the real catalog, and runs every query on the real database.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { TableView } from '../sim/types.ts';
import type { DatabaseName } from '../ticket-system/layout.ts';
import { isAppService, type AppService } from '../ticket-system/queries.ts';
import { admit, type LoginState } from './admission.ts';
import type { Answer, Connect, Connected, ConnectionPressure, Finish, Refused, RunQuery } from './messages.ts';
import { QUERY_MS } from './settings.ts';

export interface DatabaseOptions {
  /** Off only in the deliberately broken variant the property tests must catch. */
  readonly enforceLimits: boolean;
}

type Ctx = LabContext<ConnectionPressure, DatabaseName, null>;

async function loginState(ctx: Ctx, role: string): Promise<LoginState> {
  const [row] = rowsOf(
    await ctx.sql(`SELECT current_setting('max_connections')::int AS max_connections,
  (SELECT count(*)::int FROM lab_connections) AS open,
  (SELECT count(*)::int FROM lab_connections WHERE role = ${sqlText(role)}) AS open_for_role,
  (SELECT rolconnlimit FROM pg_roles WHERE rolname = ${sqlText(role)}) AS role_limit`),
  );
  return {
    maxConnections: Number(row?.['max_connections'] ?? 0),
    open: Number(row?.['open'] ?? 0),
    openForRole: Number(row?.['open_for_role'] ?? 0),
    roleLimit: row?.['role_limit'] == null ? null : Number(row['role_limit']),
  };
}

async function log(ctx: Ctx, m: Connect, event: string, s: LoginState, open: number, openForRole: number, reason?: string) {
  await ctx.sql(
    `INSERT INTO lab_connection_log (at, role, instance, event, open_after, open_for_role, max_connections, role_limit, reason)
VALUES (${sqlInt(ctx.now)}, ${sqlText(m.role)}, ${sqlText(m.instance)}, ${sqlText(event)}, ${sqlInt(open)}, ${sqlInt(openForRole)}, ${sqlInt(s.maxConnections)}, ${sqlInt(s.roleLimit ?? -1)}, ${reason ? sqlText(reason) : 'NULL'})`,
  );
}

async function connect(ctx: Ctx, m: Connect, from: AppService, options: DatabaseOptions) {
  const state = await loginState(ctx, m.role);
  const admission = options.enforceLimits ? admit(m.role, state) : ({ admitted: true } as const);
  if (!admission.admitted) {
    await log(ctx, m, 'refused', state, state.open, state.openForRole, `${admission.code}: ${admission.message}`);
    ctx.fact({ kind: 'login', admitted: false, open: state.open, limit: state.maxConnections });
    const refused: Refused = {
      type: 'refused',
      layout: m.layout,
      requestId: m.requestId,
      instance: m.instance,
      code: admission.code,
      message: admission.message,
      open: state.open,
      limit: state.maxConnections,
    };
    ctx.send(from, refused);
    return;
  }
  const inserted = await ctx.sql(
    `INSERT INTO lab_connections (role, instance, state, opened_at) VALUES (${sqlText(m.role)}, ${sqlText(m.instance)}, 'idle', ${sqlInt(ctx.now)}) RETURNING id`,
  );
  const id = rowsOf(inserted)[0]?.['id'];
  if (typeof id !== 'number') {
    // Only a reader who broke the bookkeeping table gets here: the login fails with the database's own error.
    const error = inserted.ok ? { code: 'XX000', message: 'no connection id' } : inserted.error;
    ctx.fact({ kind: 'login', admitted: false, open: state.open, limit: state.maxConnections });
    const refused: Refused = {
      type: 'refused',
      layout: m.layout,
      requestId: m.requestId,
      instance: m.instance,
      code: error.code,
      message: error.message,
      open: state.open,
      limit: state.maxConnections,
    };
    ctx.send(from, refused);
    return;
  }
  await log(ctx, m, 'opened', state, state.open + 1, state.openForRole + 1);
  ctx.fact({ kind: 'login', admitted: true, open: state.open + 1, limit: state.maxConnections });
  const connected: Connected = {
    type: 'connected',
    layout: m.layout,
    requestId: m.requestId,
    instance: m.instance,
    connId: id,
    open: state.open + 1,
    limit: state.maxConnections,
  };
  ctx.send(from, connected);
}

async function runQuery(ctx: Ctx, m: RunQuery, from: AppService) {
  const base = { type: 'answer', layout: m.layout, requestId: m.requestId, instance: m.instance, connId: m.connId } as const;
  const [conn] = rowsOf(await ctx.sql(`SELECT role FROM lab_connections WHERE id = ${sqlInt(m.connId)}`));
  if (!conn) {
    // The server restarted since the pool opened this connection: the client finds out on its next use.
    ctx.send(from, { ...base, ok: false, code: '08006', message: 'server closed the connection unexpectedly' } satisfies Answer);
    return;
  }
  const role = String(conn['role']);
  await ctx.sql(`UPDATE lab_connections SET state = 'active' WHERE id = ${sqlInt(m.connId)}`);
  const result = await ctx.sql(m.sql);
  const outcome = result.ok ? 'ok' : result.error.code;
  await ctx.sql(
    `INSERT INTO lab_requests (at, role, instance, query, outcome) VALUES (${sqlInt(ctx.now)}, ${sqlText(role)}, ${sqlText(m.instance)}, ${sqlText(m.query)}, ${sqlText(outcome)})`,
  );
  const answer: Answer = result.ok ? { ...base, ok: true } : { ...base, ok: false, code: result.error.code, message: result.error.message };
  const finish: Finish = { type: 'finish', to: from, answer };
  ctx.setTimer(QUERY_MS, finish);
}

async function finish(ctx: Ctx, m: Finish) {
  await ctx.sql(`UPDATE lab_connections SET state = 'idle' WHERE id = ${sqlInt(m.answer.connId)}`);
  ctx.send(m.to, m.answer);
}

export function databaseServer(
  options: DatabaseOptions,
  label: string,
  role: string,
  database: ServiceDatabaseSpec,
  tables: readonly TableView[],
): ServiceSpec<ConnectionPressure, DatabaseName, null> {
  return {
    label,
    role,
    database,
    tables,
    initialState: () => null,
    on: {
      crash: (ctx) => ctx.crash('taken down by the reader'),
      async connect(ctx, m, from) {
        if (isAppService(from)) await connect(ctx, m, from, options);
      },
      async 'run-query'(ctx, m, from) {
        if (isAppService(from)) await runQuery(ctx, m, from);
      },
      finish,
      async close(ctx, m) {
        await ctx.sql(`DELETE FROM lab_connections WHERE id = ${sqlInt(m.connId)}`);
      },
    },
    /** A restarted server has no clients: every connection it had is gone, and the pools find out on use. */
    async recover(ctx) {
      const open = rowsOf(await ctx.sql('SELECT role, instance FROM lab_connections ORDER BY id'));
      for (const [i, conn] of open.entries()) {
        await ctx.sql(
          `INSERT INTO lab_connection_log (at, role, instance, event, open_after, open_for_role, max_connections, role_limit)
VALUES (${sqlInt(ctx.now)}, ${sqlText(String(conn['role']))}, ${sqlText(String(conn['instance']))}, 'dropped by restart', ${sqlInt(open.length - i - 1)}, 0, current_setting('max_connections')::int, -1)`,
        );
      }
      await ctx.sql('DELETE FROM lab_connections');
      if (open.length > 0) ctx.note(`restarted: ${open.length} client connection${open.length === 1 ? '' : 's'} dropped`);
    },
  };
}
