/**
 * The behaviours: Users start a round of requests, the three application services send their queries to
 * whichever database the layout gives them, and each database runs what it receives on its real Postgres.
 */
import type { ServiceBehaviour } from '../sim/types.ts';
import { targetOf } from './layout.ts';
import type { QueryReply, QueryRequest, RunRound, Serve } from './messages.ts';
import { APP_SERVICES, queriesOf, type AppService } from './queries.ts';

export const USERS = 'users';

export function users(): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    handle(ctx, message) {
      const m = message as unknown as RunRound;
      for (const service of APP_SERVICES) ctx.send(service, { type: 'serve', layout: m.layout } satisfies Serve);
      return Promise.resolve();
    },
  };
}

export function appService(service: AppService): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    handle(ctx, message) {
      if (message.type === 'serve') {
        const { layout } = message as unknown as Serve;
        for (const query of queriesOf(service)) {
          const request: QueryRequest = { type: 'query', layout, query: query.id, sql: query.sql };
          ctx.send(targetOf(service, layout), request);
        }
      } else if (message.type === 'result') {
        const reply = message as unknown as QueryReply;
        if (!reply.ok) {
          const at = reply.position === undefined ? '' : ` at position ${reply.position}`;
          ctx.note(`${reply.query} failed (${reply.layout}): ${reply.code ?? '?'} ${reply.message ?? ''}${at}`);
        }
      }
      return Promise.resolve();
    },
  };
}

/** A database server: runs each query it receives and answers the service that sent it. */
export function databaseServer(): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    async handle(ctx, message, from) {
      if (message.type !== 'query' || from === 'reader') return;
      const request = message as unknown as QueryRequest;
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
  };
}
