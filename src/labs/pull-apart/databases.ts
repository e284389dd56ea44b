/**
 * The two Postgres services: the shared monolith and the Ticket service's own database, which starts
 * empty. Each runs the requests services send it, as a connection would (see requests.ts), and the
 * monolith can hand one of its schemas over to the other database.
 */
import type { ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import type { LoadSchema, MoveSchema, Query, Result } from './messages.ts';
import { planMove } from './move.ts';
import { runRequest } from './requests.ts';
import { requestOf, roleOf } from './services.ts';

async function answer(ctx: ServiceContext<null>, query: Query) {
  const outcome = await runRequest((sql) => ctx.sql(sql), query.service, requestOf(query.service, query.request));
  const result: Result = {
    type: 'result',
    request: query.request,
    ok: outcome.ok,
    code: outcome.code,
    rows: outcome.rows,
    ...(query.caller ? { caller: query.caller } : {}),
    ...(outcome.error ? { error: `${outcome.error.code}: ${outcome.error.message}` } : {}),
  };
  ctx.send(query.service, result);
}

async function move(ctx: ServiceContext<null>, message: MoveSchema) {
  const plan = await planMove((sql) => ctx.sql(sql), message.schema, roleOf(message.service));
  if (plan.blockers.length > 0) {
    ctx.note(`cannot move ${message.schema} yet: ${plan.blockers.join('; ')}`);
    return;
  }
  const load: LoadSchema = { type: 'load-schema', schema: message.schema, service: message.service, script: plan.script, rows: plan.rows };
  ctx.send(message.to, load);
}

async function load(ctx: ServiceContext<null>, message: LoadSchema) {
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

export function database(): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    async handle(ctx, message) {
      if (message.type === 'query') await answer(ctx, message as unknown as Query);
      else if (message.type === 'move-schema') await move(ctx, message as unknown as MoveSchema);
      else if (message.type === 'load-schema') await load(ctx, message as unknown as LoadSchema);
    },
  };
}
