/**
 * The behaviours: Users start a round of requests, the three application services send their queries to
 * whichever database the layout gives them, and each database runs what it receives on its real Postgres.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { TableView } from '../sim/types.ts';
import { targetOf, type DatabaseName } from '../ticket-system/layout.ts';
import { APP_LABELS, APP_SERVICES, isAppService, queriesOf, type AppService } from '../ticket-system/queries.ts';
import type { QueryReply, SchemaBlastRadius } from './messages.ts';

export const users: ServiceSpec<SchemaBlastRadius, 'users', null> = {
  label: 'Users',
  role: 'Customers, experts and staff: send every request the services serve',
  initialState: () => null,
  on: {
    run(ctx, { layout }) {
      for (const service of APP_SERVICES) ctx.send(service, { type: 'serve', layout });
    },
  },
};

export function appService(service: AppService): ServiceSpec<SchemaBlastRadius, AppService, null> {
  return {
    label: APP_LABELS[service],
    role: `Application server; runs ${queriesOf(service)
      .map((q) => q.id)
      .join(', ')}`,
    initialState: () => null,
    on: {
      serve(ctx, { layout }) {
        for (const query of queriesOf(service)) {
          ctx.send(targetOf(service, layout), { type: 'query', layout, query: query.id, sql: query.sql });
        }
      },
      result(ctx, { type: _result, ...answer }) {
        ctx.fact({ kind: 'answered', ...answer });
        if (!answer.ok) {
          const at = answer.position === undefined ? '' : ` at position ${answer.position}`;
          ctx.note(`${answer.query} failed (${answer.layout}): ${answer.code ?? '?'} ${answer.message ?? ''}${at}`);
        }
      },
    },
  };
}

/** A database server: runs each query it receives and answers the service that sent it. */
export function databaseServer(
  label: string,
  role: string,
  database: ServiceDatabaseSpec,
  tables: readonly TableView[],
): ServiceSpec<SchemaBlastRadius, DatabaseName, null> {
  return {
    label,
    role,
    database,
    tables,
    initialState: () => null,
    on: {
      async query(ctx, request, from) {
        if (!isAppService(from)) return;
        const result = await ctx.sql(request.sql);
        const reply: QueryReply = result.ok
          ? { type: 'result', layout: request.layout, query: request.query, ok: true, rows: result.results.at(-1)?.rows.length ?? 0 }
          : {
              type: 'result',
              layout: request.layout,
              query: request.query,
              ok: false,
              code: result.error.code,
              message: result.error.message,
              ...(result.error.position !== undefined ? { position: result.error.position } : {}),
            };
        ctx.send(from, reply);
      },
    },
  };
}
