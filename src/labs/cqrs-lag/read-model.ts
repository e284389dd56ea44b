/**
 * The read model (SQLite) and the projector that keeps it. They share one service because the projector
 * commits its checkpoint in the read store's own transaction, and a service has one database. The query
 * side answers "My orders" from the flat table at once, or, with a version token, once the projection has
 * reached it. The projector is a worker inside the service: when it crashes, reads go on being served
 * while its supervisor restarts it, and it resumes from the checkpoint.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ApplyBatch, Batch, ChangeEvent, CqrsLag, ReadOrders } from './messages.ts';
import { applyBatchSql, deadLetterSql, rebuildSql, type Projection } from './projection.ts';
import readModelSql from './read-model.sql?raw';
import { orderRowsOf } from './rows.ts';
import {
  BATCH_INTERVAL_MS,
  BATCH_INTERVAL_RARE_MS,
  BATCH_LIMIT,
  FETCH_TIMEOUT_MS,
  MAX_BATCH_ATTEMPTS,
  PER_EVENT_COST_MS,
  PER_EVENT_COST_SLOW_MS,
  RESTART_DELAY_MS,
  RETRY_DELAY_MS,
  TOKEN_WAIT_LIMIT_MS,
  YOU,
} from './settings.ts';

/** The projector's volatile memory; a crash or a rebuild starts a new `run`, and what the old one left in flight is ignored. */
interface Projector {
  run: number;
  down: boolean;
  /** Caught up, and waiting to be told that a change committed. */
  sleeping: boolean;
  /** The latest fetch, until its answer comes. */
  outstanding: number | undefined;
  /** Told of a change while a fetch was out: an empty answer must not put the projector to sleep. */
  nudged: boolean;
  lastFetchAt: number;
  nextFetchId: number;
  /** Failed attempts in a row at the batch after the checkpoint. */
  failures: number;
}

/** A read holding a version token the projection has not reached yet. */
interface ParkedRead {
  readonly reqId: number;
  readonly customerId: string;
  readonly minPosition: number;
  readonly since: number;
}

interface ReadModelState {
  readonly projector: Projector;
  parked: ParkedRead[];
}

type Ctx = LabContext<CqrsLag, 'read-model', ReadModelState>;

const interval = (ctx: Ctx) => (ctx.isFaultOn('projector-rare') ? BATCH_INTERVAL_RARE_MS : BATCH_INTERVAL_MS);
const costPerEvent = (ctx: Ctx) => (ctx.isFaultOn('projector-slow') ? PER_EVENT_COST_SLOW_MS : PER_EVENT_COST_MS);

async function checkpointOf(ctx: Ctx): Promise<number> {
  return Number(rowsOf(await ctx.sql('SELECT position FROM projector_checkpoint WHERE id = 1'))[0]?.['position'] ?? 0);
}

function crash(ctx: Ctx, reason: string) {
  const p = ctx.state.projector;
  Object.assign(p, { run: p.run + 1, down: true, sleeping: false, outstanding: undefined, nudged: false, failures: 0 });
  ctx.fact({ kind: 'projector-crashed' });
  ctx.note(`projector ${reason}; its supervisor restarts it in ${RESTART_DELAY_MS} ms`);
  ctx.setTimer(RESTART_DELAY_MS, { type: 'restart-projector' });
}

function fetchLater(ctx: Ctx, delayMs: number) {
  ctx.setTimer(delayMs, { type: 'fetch-now', run: ctx.state.projector.run });
}

async function fetchNow(ctx: Ctx) {
  const p = ctx.state.projector;
  if (ctx.isFaultOn('projector-crash')) return crash(ctx, 'crashed as it asked for the next batch');
  const after = await checkpointOf(ctx);
  const fetchId = p.nextFetchId++;
  Object.assign(p, { outstanding: fetchId, sleeping: false, nudged: false, lastFetchAt: ctx.now });
  ctx.send('orders', { type: 'fetch', after, limit: BATCH_LIMIT, fetchId });
  ctx.setTimer(FETCH_TIMEOUT_MS, { type: 'fetch-timeout', run: p.run, fetchId });
}

function onBatch(ctx: Ctx, batch: Batch) {
  const p = ctx.state.projector;
  if (p.down) return ctx.note(`a batch after position ${batch.after} reached a projector that is down: it is lost`);
  const latest = batch.fetchId === p.outstanding;
  if (latest) p.outstanding = undefined;
  if (batch.events.length === 0) {
    if (!latest) return;
    if (p.nudged) return fetchLater(ctx, interval(ctx));
    p.sleeping = true;
    return;
  }
  // The work on each event takes virtual time; the batch commits when it is done.
  ctx.setTimer(batch.events.length * costPerEvent(ctx), { type: 'apply-batch', run: p.run, batch, latest });
}

/** A batch whose transaction keeps failing goes event by event; the event that still fails is dead-lettered. */
async function applyOneByOne(ctx: Ctx, projection: Projection, events: readonly ChangeEvent[]) {
  for (const event of events) {
    const applied = await ctx.sql(applyBatchSql(projection, [event], ctx.now));
    if (applied.ok) continue;
    const error = applied.error.message;
    const parked = await ctx.sql(deadLetterSql(projection, event, error, ctx.now));
    if (!parked.ok) return;
    ctx.fact({ kind: 'dead-lettered', position: event.position, orderId: event.orderId, error });
    ctx.note(`event ${event.position} (${event.type} ${event.orderId}) moved to dead_letters: ${error}`);
  }
}

async function applyBatch(ctx: Ctx, projection: Projection, m: ApplyBatch) {
  const p = ctx.state.projector;
  if (m.run !== p.run || p.down) return;
  if (ctx.isFaultOn('projector-crash')) return crash(ctx, `crashed holding ${m.batch.events.length} events it had not committed`);
  const result = await ctx.sql(applyBatchSql(projection, m.batch.events, ctx.now));
  if (!result.ok) {
    p.failures++;
    ctx.fact({ kind: 'batch-failed', after: m.batch.after, attempt: p.failures, error: result.error.message });
    if (p.failures < MAX_BATCH_ATTEMPTS) {
      ctx.note(`batch after position ${m.batch.after} failed (attempt ${p.failures} of ${MAX_BATCH_ATTEMPTS}): ${result.error.message}`);
      if (m.latest) fetchLater(ctx, RETRY_DELAY_MS);
      return;
    }
    ctx.note(`batch after position ${m.batch.after} failed ${MAX_BATCH_ATTEMPTS} times: applying its events one by one`);
    await applyOneByOne(ctx, projection, m.batch.events);
  }
  p.failures = 0;
  const checkpoint = await checkpointOf(ctx);
  ctx.fact({ kind: 'checkpoint', position: checkpoint });
  await answerParked(ctx, checkpoint);
  await push(ctx, m.batch.events);
  // A full batch means more is waiting: ask again at once.
  if (m.latest) fetchLater(ctx, m.batch.events.length >= BATCH_LIMIT ? 0 : interval(ctx));
}

const PAGE_SQL = (customerId: string) =>
  `SELECT order_id, status, items, total_cents, version FROM my_orders WHERE customer_id = ${sqlText(customerId)} ORDER BY placed_at DESC, order_id DESC`;

async function answer(ctx: Ctx, read: { reqId: number; customerId: string }, checkpoint: number, waitedMs: number, timedOut: boolean) {
  const result = await ctx.sql(PAGE_SQL(read.customerId));
  if (!result.ok) return;
  ctx.fact({ kind: 'served', reqId: read.reqId, checkpoint, waitedMs, timedOut });
  ctx.send('customer', { type: 'orders-page', reqId: read.reqId, rows: orderRowsOf(rowsOf(result)), source: 'read-model', timedOut });
}

async function onRead(ctx: Ctx, m: ReadOrders) {
  const checkpoint = await checkpointOf(ctx);
  if (m.minPosition !== undefined && checkpoint < m.minPosition) {
    ctx.state.parked.push({ reqId: m.reqId, customerId: m.customerId, minPosition: m.minPosition, since: ctx.now });
    ctx.note(`read ${m.reqId} waits: its token is position ${m.minPosition}, the projection is at ${checkpoint}`);
    ctx.setTimer(TOKEN_WAIT_LIMIT_MS, { type: 'read-deadline', reqId: m.reqId });
    return;
  }
  await answer(ctx, m, checkpoint, 0, false);
}

async function answerParked(ctx: Ctx, checkpoint: number) {
  const ready = ctx.state.parked.filter((r) => r.minPosition <= checkpoint);
  ctx.state.parked = ctx.state.parked.filter((r) => r.minPosition > checkpoint);
  for (const read of ready) await answer(ctx, read, checkpoint, ctx.now - read.since, false);
}

/** Tells each subscribed customer which of their rows this batch changed. */
async function push(ctx: Ctx, events: readonly ChangeEvent[]) {
  const positions = events.map((e) => sqlInt(e.position)).join(', ');
  const changed = rowsOf(
    await ctx.sql(`SELECT m.customer_id, m.order_id, m.status, m.items, m.total_cents, m.version
FROM my_orders m JOIN subscriptions s ON s.customer_id = m.customer_id
WHERE m.position IN (${positions}) ORDER BY m.placed_at DESC, m.order_id DESC`),
  );
  const byCustomer = Map.groupBy(changed, (r) => String(r['customer_id']));
  for (const [customerId, rows] of byCustomer) {
    ctx.fact({ kind: 'pushed', customerId, rows: rows.length });
    ctx.send('customer', { type: 'orders-changed', rows: orderRowsOf(rows) });
  }
}

export function readModel(projection: Projection): ServiceSpec<CqrsLag, 'read-model', ReadModelState> {
  return {
    label: 'Read model + projector (SQLite)',
    role: 'Builds one flat row per order from the change events and answers "My orders" from it',
    database: { kind: 'sqlite', setupSql: readModelSql },
    tables: [
      {
        title: 'my_orders (yours first, then newest)',
        sql: `SELECT order_id, customer_id AS customer, status, version AS v, position AS pos FROM my_orders ORDER BY customer_id = '${YOU}' DESC, placed_at DESC, order_id DESC LIMIT 10`,
      },
      { title: 'projector_checkpoint', sql: 'SELECT position, updated_at FROM projector_checkpoint' },
      { title: 'dead_letters', sql: 'SELECT position AS pos, order_id, error FROM dead_letters ORDER BY position' },
    ],
    initialState: () => ({
      projector: {
        run: 0,
        down: false,
        sleeping: true,
        outstanding: undefined,
        nudged: false,
        lastFetchAt: -Infinity,
        nextFetchId: 1,
        failures: 0,
      },
      parked: [],
    }),
    on: {
      'changes-available'(ctx) {
        const p = ctx.state.projector;
        if (p.down) return;
        if (p.outstanding !== undefined) p.nudged = true;
        else if (p.sleeping) {
          // A poller keeps its interval even when woken: the batch interval is a floor between fetches.
          p.sleeping = false;
          fetchLater(ctx, Math.max(0, p.lastFetchAt + interval(ctx) - ctx.now));
        }
      },
      async 'fetch-now'(ctx, m) {
        if (m.run === ctx.state.projector.run && !ctx.state.projector.down) await fetchNow(ctx);
      },
      async 'fetch-timeout'(ctx, m) {
        const p = ctx.state.projector;
        if (m.run !== p.run || p.down || p.outstanding !== m.fetchId) return;
        ctx.note(`no batch within ${FETCH_TIMEOUT_MS} ms: asking again (the first answer may still come)`);
        await fetchNow(ctx);
      },
      batch: onBatch,
      'apply-batch': (ctx, m) => applyBatch(ctx, projection, m),
      async 'restart-projector'(ctx) {
        if (ctx.isFaultOn('projector-crash')) {
          ctx.note(`projector crashed again as it started; next try in ${RESTART_DELAY_MS} ms`);
          ctx.setTimer(RESTART_DELAY_MS, { type: 'restart-projector' });
          return;
        }
        ctx.state.projector.down = false;
        const position = await checkpointOf(ctx);
        ctx.fact({ kind: 'projector-resumed', position });
        ctx.note(`projector restarted: it resumes after position ${position}, where its last commit left the checkpoint`);
        await fetchNow(ctx);
      },
      'read-orders': onRead,
      async 'read-deadline'(ctx, m) {
        const read = ctx.state.parked.find((r) => r.reqId === m.reqId);
        if (!read) return;
        ctx.state.parked = ctx.state.parked.filter((r) => r !== read);
        ctx.note(`read ${read.reqId} gave up waiting for position ${read.minPosition} after ${TOKEN_WAIT_LIMIT_MS} ms`);
        await answer(ctx, read, await checkpointOf(ctx), ctx.now - read.since, true);
      },
      async subscribe(ctx, m) {
        await ctx.sql(
          `INSERT INTO subscriptions (customer_id, since) VALUES (${sqlText(m.customerId)}, ${sqlInt(ctx.now)}) ON CONFLICT DO NOTHING`,
        );
      },
      async rebuild(ctx) {
        if (!(await ctx.sql(rebuildSql(ctx.now))).ok) return;
        const p = ctx.state.projector;
        Object.assign(p, { run: p.run + 1, outstanding: undefined, sleeping: false, nudged: false, failures: 0 });
        ctx.fact({ kind: 'rebuild-started' });
        ctx.fact({ kind: 'checkpoint', position: 0 });
        ctx.note('read model emptied: the projector starts again from the first event');
        if (!p.down) await fetchNow(ctx);
      },
    },
  };
}
