/**
 * The ticket service: it answers the agents' queue page, which needs each ticket's customer name and
 * plan, by the read path in use (see `Variant`). Its replicator keeps `customer_copy` current from the
 * owner's change events and, with event invalidation, tells the cache what changed.
 *
 * Everything a queue read does is in this file: `read` starts it, the answers of Customers, the cache
 * and the shared database fill it in, and `finish` logs it and answers the desk.
 */
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { Changes, CustomerValue, PageRow, QueueRead, ReadPaths, Variant } from './messages.ts';
import { applyBatchSql, type Apply } from './replication.ts';
import {
  CACHE_BACKSTOP_TTL_MS,
  CACHE_TTL_MS,
  CALL_TIMEOUT_MS,
  CHANGE_BATCH_LIMIT,
  FETCH_TIMEOUT_MS,
  MAX_ATTEMPTS,
  OPEN_TICKETS,
  PAGE_SIZE,
  REPLICATION_INTERVAL_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
} from './settings.ts';
import ticketsSql from './tickets.sql?raw';

interface OpenRead {
  readonly variant: Variant;
  readonly rows: PageRow[];
  /** Calls not yet answered or given up on. */
  readonly waiting: Set<number>;
  error?: string;
}

interface Call {
  readonly readId: number;
  readonly customerId: string;
  /** Direct to Customers, or through Support profiles. */
  readonly via: 'customers' | 'profiles';
  attempt: number;
  /** An attempt is out and neither answered nor given up on. */
  inFlight: boolean;
  done: boolean;
}

interface Replicator {
  /** Caught up, waiting to be woken by the owner. */
  sleeping: boolean;
  outstanding: number | undefined;
  /** Woken while a fetch was out: an empty answer must not put it to sleep. */
  nudged: boolean;
  nextFetchId: number;
  /** Paused by the fault, and said so once. */
  pausedNoted: boolean;
}

interface TicketsState {
  variant: Variant;
  nextCall: number;
  readonly reads: Map<number, OpenRead>;
  readonly calls: Map<number, Call>;
  readonly replicator: Replicator;
}

type Ctx = LabContext<ReadPaths, 'tickets', TicketsState>;

const PAGES = OPEN_TICKETS / PAGE_SIZE;

/** The shared-domain variant's query: the ticket team's SQL, joining into the owner's schema. */
export function sharedQuerySql(ticketIds: readonly string[]): string {
  return `SELECT t.id AS ticket_id, t.customer_id, c.name, c.plan, c.version
FROM support.tickets t JOIN crm.customers c ON c.id = t.customer_id
WHERE t.id IN (${ticketIds.map(sqlText).join(', ')}) ORDER BY t.id`;
}

const pageSql = (page: number) =>
  `SELECT id, customer_id FROM tickets ORDER BY id LIMIT ${sqlInt(PAGE_SIZE)} OFFSET ${sqlInt((page % PAGES) * PAGE_SIZE)}`;

function blankRows(rows: readonly Record<string, unknown>[]): PageRow[] {
  return rows.map((r) => ({ ticketId: String(r['id']), customerId: String(r['customer_id']), name: null, plan: null, version: null }));
}

function fill(read: OpenRead, value: CustomerValue) {
  read.rows.forEach((row, i) => {
    if (row.customerId === value.customerId) read.rows[i] = { ...row, name: value.name, plan: value.plan, version: value.version };
  });
}

async function finish(ctx: Ctx, readId: number) {
  const read = ctx.state.reads.get(readId);
  if (!read || read.waiting.size > 0) return;
  ctx.state.reads.delete(readId);
  const values = read.rows.map(
    (r) =>
      `(${sqlInt(readId)}, ${sqlInt(ctx.now)}, ${sqlText(read.variant)}, ${sqlText(r.ticketId)}, ${sqlText(r.customerId)}, ${r.name === null ? 'NULL' : sqlText(r.name)}, ${r.plan === null ? 'NULL' : sqlText(r.plan)}, ${r.version === null ? 'NULL' : sqlInt(r.version)})`,
  );
  if (values.length > 0)
    await ctx.sql(
      `INSERT INTO read_log (read_id, at, variant, ticket_id, customer_id, name, plan, version) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    );
  ctx.send('desk', { type: 'queue-page', readId, variant: read.variant, rows: read.rows, ...(read.error ? { error: read.error } : {}) });
}

/** One attempt of a call: to Customers, or in the chain to Support profiles with this attempt's whole budget. */
function send(ctx: Ctx, callId: number, c: Call) {
  c.inFlight = true;
  if (c.via === 'profiles')
    ctx.send('profiles', { type: 'get-profile', callId, attempt: c.attempt, customerId: c.customerId, budgetMs: CALL_TIMEOUT_MS });
  else ctx.send('customers', { type: 'get-customer', callId, customerId: c.customerId, replyTo: 'tickets' });
  ctx.setTimer(CALL_TIMEOUT_MS, { type: 'call-timeout', callId, attempt: c.attempt });
}

function call(ctx: Ctx, readId: number, customerId: string) {
  const callId = ++ctx.state.nextCall;
  const c: Call = {
    readId,
    customerId,
    via: ctx.state.variant === 'chain' ? 'profiles' : 'customers',
    attempt: 1,
    inFlight: false,
    done: false,
  };
  ctx.state.calls.set(callId, c);
  ctx.state.reads.get(readId)?.waiting.add(callId);
  send(ctx, callId, c);
}

async function read(ctx: Ctx, m: QueueRead) {
  const variant = ctx.state.variant;
  if (variant === 'copy') {
    const rows = rowsOf(
      await ctx.sql(`SELECT t.id AS ticket_id, t.customer_id, c.name, c.plan, c.version
FROM (${pageSql(m.page)}) t LEFT JOIN customer_copy c ON c.customer_id = t.customer_id ORDER BY t.id`),
    ).map((r) => ({
      ticketId: String(r['ticket_id']),
      customerId: String(r['customer_id']),
      name: r['name'] === null ? null : String(r['name']),
      plan: r['plan'] === null ? null : String(r['plan']),
      version: r['version'] === null ? null : Number(r['version']),
    }));
    ctx.state.reads.set(m.readId, { variant, rows, waiting: new Set() });
    return finish(ctx, m.readId);
  }
  const tickets = rowsOf(await ctx.sql(pageSql(m.page)));
  const open: OpenRead = { variant, rows: blankRows(tickets), waiting: new Set() };
  ctx.state.reads.set(m.readId, open);
  if (variant === 'call' || variant === 'chain') {
    // N+1: one query for the page, then one call per ticket, all at once (in the chain, each to Support profiles).
    for (const row of open.rows) call(ctx, m.readId, row.customerId);
  } else if (variant === 'shared') {
    ctx.send('customers', { type: 'shared-query', readId: m.readId, sql: sharedQuerySql(open.rows.map((r) => r.ticketId)) });
    open.waiting.add(-m.readId);
    ctx.setTimer(CALL_TIMEOUT_MS, { type: 'shared-timeout', readId: m.readId });
  } else {
    open.waiting.add(-m.readId);
    ctx.send('cache', { type: 'cache-get', readId: m.readId, customerIds: [...new Set(open.rows.map((r) => r.customerId))] });
  }
}

async function onCustomer(ctx: Ctx, callId: number, value: CustomerValue | null) {
  const c = ctx.state.calls.get(callId);
  if (!c || c.done) return;
  c.done = true;
  ctx.state.calls.delete(callId);
  const read = ctx.state.reads.get(c.readId);
  if (!read) return;
  read.waiting.delete(callId);
  if (value) {
    fill(read, value);
    // Cache-aside: what a miss fetched goes into the cache for the next reader.
    if (read.variant === 'cache-ttl' || read.variant === 'cache-events')
      ctx.send('cache', { type: 'cache-set', value, ttlMs: read.variant === 'cache-ttl' ? CACHE_TTL_MS : CACHE_BACKSTOP_TTL_MS });
  } else read.error = `Customers has no customer ${c.customerId}`;
  await finish(ctx, c.readId);
}

/** An attempt timed out, or Support profiles answered that the hop behind it failed: try again, or give up. */
async function attemptFailed(ctx: Ctx, callId: number, attempt: number, reason?: string) {
  const c = ctx.state.calls.get(callId);
  if (!c || c.done || c.attempt !== attempt || !c.inFlight) return;
  c.inFlight = false;
  if (attempt < MAX_ATTEMPTS) {
    // Without jitter every caller that timed out together tries again together, at once.
    const delay = ctx.isFaultOn('retry-storm') ? 0 : backoff(ctx, attempt - 1, RETRY_BASE_MS, RETRY_CAP_MS);
    ctx.setTimer(delay, { type: 'retry-call', callId }, { retry: true });
    return;
  }
  c.done = true;
  ctx.state.calls.delete(callId);
  const read = ctx.state.reads.get(c.readId);
  if (!read) return;
  read.waiting.delete(callId);
  read.error =
    reason ??
    `${c.via === 'profiles' ? 'no answer through Support profiles' : 'Customers did not answer'} for ${c.customerId} in ${MAX_ATTEMPTS} attempts of ${CALL_TIMEOUT_MS} ms`;
  await finish(ctx, c.readId);
}

// The replicator.

function fetchNow(ctx: Ctx, retry = false) {
  const r = ctx.state.replicator;
  if (ctx.isFaultOn('replication-paused')) {
    if (!r.pausedNoted) ctx.note('replication is paused: customer_copy keeps what it has');
    r.pausedNoted = true;
    r.sleeping = false;
    ctx.setTimer(REPLICATION_INTERVAL_MS, { type: 'fetch-now' }, { retry: true });
    return;
  }
  r.pausedNoted = false;
  return (async () => {
    const [row] = rowsOf(await ctx.sql('SELECT position FROM replication_checkpoint WHERE id = 1'));
    const fetchId = r.nextFetchId++;
    Object.assign(r, { outstanding: fetchId, sleeping: false, nudged: false });
    ctx.send('customers', { type: 'fetch-changes', after: Number(row?.['position'] ?? 0), limit: CHANGE_BATCH_LIMIT, fetchId });
    ctx.setTimer(FETCH_TIMEOUT_MS, { type: 'fetch-timeout', fetchId }, { retry });
  })();
}

async function onChanges(ctx: Ctx, apply: Apply, m: Changes) {
  const r = ctx.state.replicator;
  const latest = m.fetchId === r.outstanding;
  if (latest) r.outstanding = undefined;
  if (m.events.length > 0) {
    // Every batch is applied, a repeated or late one too: the versioned upsert makes that harmless.
    const result = await ctx.sql(applyBatchSql(apply, m.events, ctx.now));
    if (!result.ok) return;
    if (ctx.state.variant === 'cache-events')
      ctx.send('cache', { type: 'invalidate', changes: m.events.map((e) => ({ customerId: e.customerId, version: e.version })) });
  }
  if (!latest) return;
  if (m.events.length >= CHANGE_BATCH_LIMIT) return fetchNow(ctx);
  if (m.events.length > 0 || r.nudged) {
    ctx.setTimer(REPLICATION_INTERVAL_MS, { type: 'fetch-now' });
    return;
  }
  r.sleeping = true;
}

export function tickets(apply: Apply = 'versioned'): ServiceSpec<ReadPaths, 'tickets', TicketsState> {
  return {
    label: 'Tickets (Postgres)',
    role: 'Serves the agents’ queue page, which needs each ticket’s customer name and plan; keeps a replicated copy of them',
    database: { kind: 'postgres', setupSql: ticketsSql },
    tables: [
      {
        title: 'customer_copy (replicated columns)',
        sql: 'SELECT customer_id, name, plan, version AS v, copied_at FROM customer_copy ORDER BY customer_id',
      },
      { title: 'replication_checkpoint', sql: 'SELECT position FROM replication_checkpoint' },
      {
        title: 'read_log (newest first)',
        sql: 'SELECT read_id, variant, ticket_id, customer_id, name, plan, version AS v FROM read_log ORDER BY read_id DESC, ticket_id LIMIT 6',
      },
    ],
    initialState: () => ({
      variant: 'call',
      nextCall: 0,
      reads: new Map(),
      calls: new Map(),
      replicator: { sleeping: true, outstanding: undefined, nudged: false, nextFetchId: 1, pausedNoted: false },
    }),
    on: {
      'use-variant'(ctx, m) {
        ctx.state.variant = m.variant;
        ctx.fact({ kind: 'variant-chosen', variant: m.variant });
      },
      'queue-read': read,
      customer: (ctx, m) => onCustomer(ctx, m.callId, m.value),
      async profile(ctx, m) {
        if (m.error === undefined) return onCustomer(ctx, m.callId, m.value);
        await attemptFailed(ctx, m.callId, m.attempt, `${m.error} (the ticket service's attempt ${m.attempt} of ${MAX_ATTEMPTS})`);
      },
      'call-timeout': (ctx, m) => attemptFailed(ctx, m.callId, m.attempt),
      'retry-call'(ctx, m) {
        const c = ctx.state.calls.get(m.callId);
        if (!c || c.done) return;
        c.attempt++;
        send(ctx, m.callId, c);
      },
      async 'shared-rows'(ctx, m) {
        const read = ctx.state.reads.get(m.readId);
        if (!read?.waiting.delete(-m.readId)) return;
        for (const row of m.rows) fill(read, row);
        if (m.error) read.error = m.error;
        await finish(ctx, m.readId);
      },
      async 'shared-timeout'(ctx, m) {
        const read = ctx.state.reads.get(m.readId);
        if (!read?.waiting.delete(-m.readId)) return;
        read.error = `the shared database did not answer in ${CALL_TIMEOUT_MS} ms`;
        await finish(ctx, m.readId);
      },
      async 'cache-hits'(ctx, m) {
        const read = ctx.state.reads.get(m.readId);
        if (!read?.waiting.delete(-m.readId)) return;
        for (const hit of m.hits) fill(read, hit);
        const misses = [...new Set(read.rows.filter((r) => r.version === null).map((r) => r.customerId))];
        for (const customerId of misses) call(ctx, m.readId, customerId);
        await finish(ctx, m.readId);
      },
      changes: (ctx, m) => onChanges(ctx, apply, m),
      'changes-available'(ctx) {
        const r = ctx.state.replicator;
        if (r.outstanding !== undefined) r.nudged = true;
        else if (r.sleeping) {
          r.sleeping = false;
          ctx.setTimer(0, { type: 'fetch-now' });
        }
      },
      'fetch-now': (ctx) => fetchNow(ctx),
      async 'fetch-timeout'(ctx, m) {
        if (ctx.state.replicator.outstanding !== m.fetchId) return;
        await fetchNow(ctx, true);
      },
    },
  };
}
