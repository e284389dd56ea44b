/**
 * An application service as a fleet of instances. Each instance keeps one connection pool per layout (to the
 * shared database, and to its own domain's database) of at most POOL_SIZE connections, opened when a request
 * finds none idle and kept open afterwards, as most pools do. Requests beyond the pool wait for a free
 * connection; a request the database refuses, or does not answer in time, fails. All of this is volatile
 * state: it is what the instances know, not what the database knows.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { targetOf, type Layout } from '../ticket-system/layout.ts';
import { APP_LABELS, queryById, type AppService } from '../ticket-system/queries.ts';
import {
  USERS,
  type Answer,
  type Connect,
  type Connected,
  type ConnectionPressure,
  type Refused,
  type Request,
  type Response,
  type RunQuery,
} from './messages.ts';
import { POOL_SIZE, REQUEST_QUERY, REQUEST_TIMEOUT_MS, roleOf } from './settings.ts';

interface Connection {
  readonly id: number;
  busy: boolean;
}

interface Pool {
  readonly connections: Connection[];
  /** Requests whose connection is being opened for them. */
  readonly opening: Set<string>;
  /** Requests waiting for a connection to come free, oldest first. */
  readonly queue: string[];
}

interface Instance {
  readonly name: string;
  readonly pools: Record<Layout, Pool>;
}

interface InFlight {
  readonly id: string;
  readonly layout: Layout;
  readonly instance: string;
  connId?: number;
}

export interface FleetState {
  readonly instances: Instance[];
  next: number;
  readonly requests: Map<string, InFlight>;
}

type Ctx = LabContext<ConnectionPressure, AppService, FleetState>;

const newPool = (): Pool => ({ connections: [], opening: new Set(), queue: [] });
const newInstance = (service: AppService, n: number): Instance => ({
  name: `${service}-${n}`,
  pools: { shared: newPool(), split: newPool() },
});

export function fleet(service: AppService): ServiceSpec<ConnectionPressure, AppService, FleetState> {
  const query = queryById(REQUEST_QUERY[service]);

  function poolOf(ctx: Ctx, request: InFlight): Pool {
    const instance = ctx.state.instances.find((i) => i.name === request.instance);
    if (!instance) throw new Error(`no instance ${request.instance}`);
    return instance.pools[request.layout];
  }

  function respond(ctx: Ctx, request: InFlight, outcome: { ok: boolean; code?: string; message?: string }) {
    ctx.state.requests.delete(request.id);
    const response: Response = {
      type: 'response',
      layout: request.layout,
      requestId: request.id,
      service,
      instance: request.instance,
      ...outcome,
    };
    ctx.send(USERS, response);
  }

  function sendQuery(ctx: Ctx, request: InFlight, connection: Connection) {
    connection.busy = true;
    request.connId = connection.id;
    const run: RunQuery = {
      type: 'run-query',
      layout: request.layout,
      requestId: request.id,
      instance: request.instance,
      connId: connection.id,
      query: query.id,
      sql: query.sql,
    };
    ctx.send(targetOf(service, request.layout), run);
  }

  /** Gives waiting requests whatever the pool can offer now: an idle connection, or room to open one. */
  function pump(ctx: Ctx, pool: Pool) {
    while (pool.queue.length > 0) {
      const idle = pool.connections.find((c) => !c.busy);
      const room = pool.connections.length + pool.opening.size < POOL_SIZE;
      if (!idle && !room) return;
      const request = ctx.state.requests.get(pool.queue.shift() ?? '');
      if (!request) continue;
      if (idle) sendQuery(ctx, request, idle);
      else openFor(ctx, pool, request);
    }
  }

  function openFor(ctx: Ctx, pool: Pool, request: InFlight) {
    pool.opening.add(request.id);
    const connect: Connect = {
      type: 'connect',
      layout: request.layout,
      requestId: request.id,
      instance: request.instance,
      role: roleOf(service),
    };
    ctx.send(targetOf(service, request.layout), connect);
  }

  function onRequest(ctx: Ctx, m: Request) {
    const instance = ctx.state.instances[ctx.state.next % ctx.state.instances.length];
    if (!instance) return;
    ctx.state.next++;
    const request: InFlight = { id: m.id, layout: m.layout, instance: instance.name };
    ctx.state.requests.set(m.id, request);
    ctx.setTimer(REQUEST_TIMEOUT_MS, { type: 'timeout', requestId: m.id });
    instance.pools[m.layout].queue.push(m.id);
    pump(ctx, instance.pools[m.layout]);
  }

  function onConnected(ctx: Ctx, m: Connected) {
    const instance = ctx.state.instances.find((i) => i.name === m.instance);
    if (!instance) return;
    const pool = instance.pools[m.layout];
    pool.opening.delete(m.requestId);
    if (pool.connections.length >= POOL_SIZE) {
      // A connection that arrives after its request gave up, when the pool has filled meanwhile: hand it back.
      ctx.send(targetOf(service, m.layout), { type: 'close', connId: m.connId });
      return;
    }
    const connection: Connection = { id: m.connId, busy: false };
    pool.connections.push(connection);
    const request = ctx.state.requests.get(m.requestId);
    // The request may have timed out meanwhile: the new connection then serves whoever waits next.
    if (request && request.connId === undefined) sendQuery(ctx, request, connection);
    pump(ctx, pool);
  }

  function onRefused(ctx: Ctx, m: Refused) {
    const instance = ctx.state.instances.find((i) => i.name === m.instance);
    if (!instance) return;
    const pool = instance.pools[m.layout];
    pool.opening.delete(m.requestId);
    const request = ctx.state.requests.get(m.requestId);
    if (request) respond(ctx, request, { ok: false, code: m.code, message: m.message });
    pump(ctx, pool);
  }

  function onAnswer(ctx: Ctx, m: Answer) {
    const instance = ctx.state.instances.find((i) => i.name === m.instance);
    if (!instance) return;
    const pool = instance.pools[m.layout];
    const index = pool.connections.findIndex((c) => c.id === m.connId);
    const connection = pool.connections[index];
    if (m.code === '08006') {
      if (index >= 0) pool.connections.splice(index, 1);
    } else if (connection) {
      connection.busy = false;
    }
    const request = ctx.state.requests.get(m.requestId);
    if (request) respond(ctx, request, { ok: m.ok, ...(m.code ? { code: m.code } : {}), ...(m.message ? { message: m.message } : {}) });
    pump(ctx, pool);
  }

  function onTimeout(ctx: Ctx, requestId: string) {
    const request = ctx.state.requests.get(requestId);
    if (!request) return;
    const pool = poolOf(ctx, request);
    const queued = pool.queue.indexOf(requestId);
    if (queued >= 0) pool.queue.splice(queued, 1);
    pool.opening.delete(requestId);
    // A connection that never answered is presumed dead: the pool throws it away rather than reuse it.
    if (request.connId !== undefined) {
      const index = pool.connections.findIndex((c) => c.id === request.connId);
      if (index >= 0) pool.connections.splice(index, 1);
      ctx.send(targetOf(service, request.layout), { type: 'close', connId: request.connId });
    }
    respond(ctx, request, { ok: false, code: 'timeout', message: `no answer from the database within ${REQUEST_TIMEOUT_MS} ms` });
    pump(ctx, pool);
  }

  return {
    label: APP_LABELS[service],
    role: `Instances with pools of ${POOL_SIZE} connections per database; runs ${REQUEST_QUERY[service]}`,
    initialState: () => ({ instances: [newInstance(service, 1)], next: 0, requests: new Map() }),
    on: {
      'scale-out'(ctx) {
        const instance = newInstance(service, ctx.state.instances.length + 1);
        ctx.state.instances.push(instance);
        ctx.note(`${instance.name} started: ${ctx.state.instances.length} instances, each with pools of up to ${POOL_SIZE} connections`);
        ctx.fact({ kind: 'scaled-out', instances: ctx.state.instances.length });
      },
      request: onRequest,
      connected: onConnected,
      refused: onRefused,
      answer: onAnswer,
      timeout: (ctx, m) => onTimeout(ctx, m.requestId),
    },
  };
}
