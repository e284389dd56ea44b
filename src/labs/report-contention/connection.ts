/**
 * One database connection, modelled in the service's own state. PGlite and sql.js each have exactly one
 * real connection, and the kernel runs one event at a time, so nothing here waits for real: a request that
 * arrives while the connection is busy joins a queue, and the connection is "busy" for the virtual time its
 * statement really took (see engine-clock.ts). The statement runs when the request reaches the head of the
 * queue; its result is handed back when the measured time has passed on the virtual clock.
 */
import type { QueryResult } from '../engine/types.ts';
import { roundMs, type EngineClock } from './engine-clock.ts';
import type { ConnectionFree, JobKind, Requester, Timing } from './messages.ts';

export interface Job<P> {
  readonly id: string;
  readonly kind: JobKind;
  readonly from: Requester;
  readonly payload: P;
  readonly arrivedAt: number;
  readonly ahead: readonly string[];
}

export interface Finished<P, O> {
  readonly job: Job<P>;
  readonly timing: Timing;
  readonly result: QueryResult;
  readonly outcome: O;
}

export interface ConnectionState<P, O> {
  readonly queue: Job<P>[];
  running?: Finished<P, O> | undefined;
}

export function newConnection<P, O>(): ConnectionState<P, O> {
  return { queue: [] };
}

export interface ConnectionHooks<P, O> {
  readonly clock: EngineClock;
  /** Runs the job's SQL for real and reads what the reply needs from the result. */
  execute(job: Job<P>): Promise<{ result: QueryResult; outcome: O }>;
  /** What to do once the job's virtual time is over: reply, or carry on with the next step. */
  finished(done: Finished<P, O>): void | Promise<void>;
}

/** What the connection needs from the service that keeps it: the clock, its state and a timer. */
interface ConnectionHost<P, O> {
  readonly now: number;
  readonly state: { readonly conn: ConnectionState<P, O> };
  setTimer(delayMs: number, message: ConnectionFree): void;
}

/** A request arrives: it starts at once on an idle connection, or queues behind what is there. */
export async function arrive<P, O>(
  ctx: ConnectionHost<P, O>,
  hooks: ConnectionHooks<P, O>,
  job: Omit<Job<P>, 'arrivedAt' | 'ahead'>,
): Promise<void> {
  const conn = ctx.state.conn;
  const ahead = [...(conn.running ? [conn.running.job.id] : []), ...conn.queue.map((j) => j.id)];
  conn.queue.push({ ...job, arrivedAt: ctx.now, ahead });
  if (!conn.running) await startNext(ctx, hooks);
}

/** The running statement's time is over: hand its result on and start the next one. */
export async function free<P, O>(ctx: ConnectionHost<P, O>, hooks: ConnectionHooks<P, O>): Promise<void> {
  const done = ctx.state.conn.running;
  ctx.state.conn.running = undefined;
  if (done) await hooks.finished(done);
  if (!ctx.state.conn.running) await startNext(ctx, hooks);
}

async function startNext<P, O>(ctx: ConnectionHost<P, O>, hooks: ConnectionHooks<P, O>): Promise<void> {
  const conn = ctx.state.conn;
  const job = conn.queue.shift();
  if (!job) return;
  const startedAt = ctx.now;
  const { result, outcome } = await hooks.execute(job);
  const virtualMs = hooks.clock.toVirtualMs(job.kind, result.durationMs);
  conn.running = {
    job,
    result,
    outcome,
    timing: {
      arrivedAt: job.arrivedAt,
      startedAt,
      finishedAt: startedAt + virtualMs,
      waitMs: startedAt - job.arrivedAt,
      engineMs: roundMs(result.durationMs),
      virtualMs,
      ahead: job.ahead,
    },
  };
  ctx.setTimer(virtualMs, { type: 'connection-free', requestId: job.id });
}
