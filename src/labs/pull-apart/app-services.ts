/**
 * The application services. None has a database of its own at first: each sends its requests to the
 * database it uses and, once split, calls other services for what its own schema does not hold.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { PullApart, Result } from './messages.ts';
import { MONOLITH, type DatabaseName } from './requests.ts';
import { APP_SERVICES, appService, isAppService, requestOf, type AppService } from './services.ts';

interface AppState {
  /** Where this service's connection points: the monolith until its schema moves. */
  database: DatabaseName;
}

type Ctx = LabContext<PullApart, AppService, AppState>;

function query(ctx: Ctx, request: string, caller?: AppService) {
  ctx.send(ctx.state.database, { type: 'query', service: ctx.name, request, ...(caller ? { caller } : {}) });
}

/** An answer from the database: passed on to the caller it was for, or noted and followed by the split code's calls. */
function onResult(ctx: Ctx, result: Result) {
  if (result.caller) {
    ctx.send(result.caller, {
      type: 'reply',
      request: result.request,
      ok: result.ok,
      rows: result.rows,
      ...(result.error ? { error: result.error } : {}),
    });
    return;
  }
  const how = result.code === 'split' ? 'own schema, own role' : 'monolith query';
  ctx.note(
    result.ok ? `${result.request}: ${result.rows} rows (${how})` : `${result.request} failed (${how}): ${result.error ?? 'unknown error'}`,
  );
  if (!result.ok || result.code !== 'split') return;
  for (const call of requestOf(ctx.name, result.request).split.calls ?? []) ctx.send(call.service, { type: 'call', request: call.request });
}

export function appServiceSpec(service: AppService): ServiceSpec<PullApart, AppService, AppState> {
  const spec = appService(service);
  return {
    label: spec.label,
    role: `Owns the ${spec.domain} domain; reaches data through the database it is pointed at`,
    initialState: () => ({ database: MONOLITH }),
    on: {
      run(ctx) {
        for (const request of spec.requests.filter((r) => !r.api)) query(ctx, request.id);
      },
      call(ctx, message, from) {
        if (!isAppService(from)) throw new Error(`${service} was called by ${from}, which is not an application service`);
        query(ctx, message.request, from);
      },
      result: onResult,
      reply(ctx, reply, from) {
        ctx.note(
          reply.ok
            ? `${from} answered ${reply.request}: ${reply.rows} rows`
            : `${from} could not answer ${reply.request}: ${reply.error ?? ''}`,
        );
      },
      'switch-database'(ctx, message) {
        ctx.state.database = message.database;
        ctx.note(`connects to ${ctx.state.database} from now on`);
      },
    },
  };
}

/** The support desk: people using the services. One action sends every service its usual requests. */
export const supportDesk: ServiceSpec<PullApart, 'support-desk', null> = {
  label: 'Support desk',
  role: 'People using the services: sends each one its usual requests',
  initialState: () => null,
  on: {
    'send-requests'(ctx) {
      for (const service of APP_SERVICES) ctx.send(service, { type: 'run' });
    },
  },
};
