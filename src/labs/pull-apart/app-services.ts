/**
 * The application services. None has a database of its own at first: each sends its requests to the
 * database it uses and, once split, calls other services for what its own schema does not hold.
 */
import type { ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import type { Call, Query, Reply, Result, SwitchDatabase } from './messages.ts';
import { MONOLITH } from './requests.ts';
import { APP_SERVICES, appService, requestOf, type AppService } from './services.ts';

interface AppState {
  /** Where this service's connection points: the monolith until its schema moves. */
  database: string;
}

function query(ctx: ServiceContext<AppState>, service: AppService, request: string, caller?: AppService) {
  const message: Query = { type: 'query', service, request, ...(caller ? { caller } : {}) };
  ctx.send(ctx.state.database, message);
}

function onResult(ctx: ServiceContext<AppState>, service: AppService, result: Result) {
  if (result.caller) {
    const reply: Reply = {
      type: 'reply',
      request: result.request,
      ok: result.ok,
      rows: result.rows,
      ...(result.error ? { error: result.error } : {}),
    };
    ctx.send(result.caller, reply);
    return;
  }
  const how = result.code === 'split' ? 'own schema, own role' : 'monolith query';
  ctx.note(
    result.ok ? `${result.request}: ${result.rows} rows (${how})` : `${result.request} failed (${how}): ${result.error ?? 'unknown error'}`,
  );
  if (!result.ok || result.code !== 'split') return;
  for (const call of requestOf(service, result.request).split.calls ?? []) {
    const message: Call = { type: 'call', request: call.request };
    ctx.send(call.service, message);
  }
}

export function appServiceBehaviour(service: AppService): ServiceBehaviour<AppState> {
  const spec = appService(service);
  return {
    initialState: () => ({ database: MONOLITH }),
    async handle(ctx, message, from) {
      switch (message.type) {
        case 'run':
          for (const request of spec.requests.filter((r) => !r.api)) query(ctx, service, request.id);
          break;
        case 'call':
          query(ctx, service, (message as unknown as Call).request, from as AppService);
          break;
        case 'result':
          onResult(ctx, service, message as unknown as Result);
          break;
        case 'reply': {
          const reply = message as unknown as Reply;
          ctx.note(
            reply.ok
              ? `${from} answered ${reply.request}: ${reply.rows} rows`
              : `${from} could not answer ${reply.request}: ${reply.error ?? ''}`,
          );
          break;
        }
        case 'switch-database':
          ctx.state.database = (message as unknown as SwitchDatabase).database;
          ctx.note(`connects to ${ctx.state.database} from now on`);
          break;
      }
      await Promise.resolve();
    },
  };
}

/** The support desk: people using the services. One action sends every service its usual requests. */
export function supportDesk(): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    async handle(ctx, message) {
      if (message.type === 'send-requests') for (const service of APP_SERVICES) ctx.send(service, { type: 'run' });
      await Promise.resolve();
    },
  };
}
