/**
 * The router: places each new ticket on the shard its key maps to, sends each query to the one shard that can
 * answer it or to all of them (scatter-gather), moves a ticket between tenants, and adds the fourth shard. It
 * keeps no tickets of its own, only its settings, the list of tickets it has written, and a log of requests.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { Sharding, ShardQuery, TicketRow } from './messages.ts';
import { HASHINGS, SHARD_KEYS, shardFor, shardsOf, type Placement } from './placement.ts';
import {
  BIG_TENANT,
  FIRST_SHARDS,
  REGIONS,
  RETRY_FIRST_MS,
  RETRY_MAX_MS,
  SHARD_TIMEOUT_MS,
  type Home,
  type ShardName,
} from './settings.ts';
import { workload, type Scheduled, type WorkItem } from './workload.ts';

interface PendingQuery {
  readonly kind: 'query';
  readonly query: ShardQuery;
  readonly asked: readonly ShardName[];
  readonly answered: Set<ShardName>;
  readonly found: Set<number>;
  readonly placement: Placement;
  readonly startedAt: number;
}

/** A write the router repeats until its shard confirms it; a move is an insert, then a remove. */
interface PendingWrite {
  readonly kind: 'write';
  readonly op: 'insert' | 'remove';
  readonly shard: ShardName;
  readonly row: TicketRow;
  /** For the insert half of a move: the shard to remove the old copy from once the insert is confirmed. */
  readonly thenRemoveFrom?: ShardName;
  readonly what: string;
  readonly startedAt: number;
}

interface RouterState {
  items: readonly Scheduled[];
  readonly pending: Map<string, PendingQuery | PendingWrite>;
  /** Resharding was asked for and waits for the writes already on their way to land first. */
  draining: boolean;
  /** Shards that have not reported the end of their rebalancing yet, while resharding. */
  rebalancing: Set<ShardName> | undefined;
  rebalanceStartedAt: number;
  nextRequest: number;
}

type Ctx = LabContext<Sharding, 'router', RouterState>;

async function placementOf(ctx: Ctx): Promise<Placement & { seed: number; size: number; bigPercent: number }> {
  const [row] = rowsOf(await ctx.sql('SELECT * FROM settings WHERE id = 1'));
  return {
    key: SHARD_KEYS.find((k) => k === row?.['shard_key']) ?? 'customer',
    hashing: HASHINGS.find((h) => h === row?.['hashing']) ?? 'modulo',
    shardCount: Number(row?.['shard_count'] ?? 3),
    seed: Number(row?.['workload_seed'] ?? 1),
    size: Number(row?.['workload_size'] ?? 0),
    bigPercent: Number(row?.['big_tenant_percent'] ?? 0),
  };
}

/** The shards a query must ask: the one its key names, or every shard when the key is not in the query. */
export function shardsToAsk(query: ShardQuery, who: { tenant: string; customer: string; home: string } | undefined, p: Placement) {
  if (query.kind === 'customer-tickets' && who) return [shardFor(who, p)];
  if (query.kind === 'region-report' && p.key === 'region') return [shardFor({ tenant: '', customer: '', home: query.home }, p)];
  if (query.kind === 'tenant-tickets' && p.key === 'tenant') return [shardFor({ tenant: query.tenant, customer: '', home: '' }, p)];
  return [...shardsOf(p.shardCount)];
}

async function log(
  ctx: Ctx,
  request: string,
  kind: string,
  scope: string,
  shards: readonly string[],
  outcome: string,
  found: number | null,
  startedAt: number,
) {
  await ctx.sql(
    `INSERT INTO requests (request, kind, scope, shards, outcome, found, latency_ms) VALUES (${[
      sqlText(request),
      sqlText(kind),
      sqlText(scope),
      sqlText(shards.join(' ')),
      sqlText(outcome),
      found === null ? 'NULL' : sqlInt(found),
      sqlInt(ctx.now - startedAt),
    ].join(', ')})`,
  );
}

function newRequest(ctx: Ctx, prefix: string): string {
  ctx.state.nextRequest += 1;
  return `${prefix}-${ctx.state.nextRequest}`;
}

function sendWrite(ctx: Ctx, request: string, w: PendingWrite, attempt: number) {
  if (w.op === 'insert') ctx.send(w.shard, { type: 'insert', request, row: w.row });
  else ctx.send(w.shard, { type: 'remove', request, id: w.row.id });
  ctx.setTimer(
    backoff(ctx, attempt, SHARD_TIMEOUT_MS, RETRY_MAX_MS * 2),
    { type: 'retry', request, attempt: attempt + 1 },
    { retry: true },
  );
}

async function createTicket(ctx: Ctx, who: { tenant: string; customer: string; home: Home }, title: string, p: Placement) {
  const request = newRequest(ctx, 'create');
  if (resharding(ctx)) {
    // Writes pause while rows move: a new ticket placed by the new map could race a rebalancing shard.
    await log(ctx, request, 'create', 'single', [], 'refused', null, ctx.now);
    return;
  }
  const [next] = rowsOf(await ctx.sql('SELECT coalesce(max(id), 0) + 1 AS id FROM issued'));
  const row: TicketRow = { id: Number(next?.['id'] ?? 1), ...who, title };
  await ctx.sql(
    `INSERT INTO issued (id, tenant, customer, home, title, state) VALUES (${sqlInt(row.id)}, ${sqlText(row.tenant)}, ${sqlText(row.customer)}, ${sqlText(row.home)}, ${sqlText(title)}, 'writing')`,
  );
  const w: PendingWrite = { kind: 'write', op: 'insert', shard: shardFor(row, p), row, what: 'create', startedAt: ctx.now };
  ctx.state.pending.set(request, w);
  sendWrite(ctx, request, w, 0);
}

function ask(ctx: Ctx, query: ShardQuery, who: { tenant: string; customer: string; home: string } | undefined, p: Placement) {
  const request = newRequest(ctx, 'query');
  const asked = shardsToAsk(query, who, p);
  ctx.state.pending.set(request, { kind: 'query', query, asked, answered: new Set(), found: new Set(), placement: p, startedAt: ctx.now });
  for (const shard of asked) ctx.send(shard, { type: 'ask', request, query });
  ctx.setTimer(SHARD_TIMEOUT_MS, { type: 'timeout', request });
}

async function play(ctx: Ctx, item: WorkItem) {
  const p = await placementOf(ctx);
  switch (item.kind) {
    case 'create':
      return createTicket(ctx, item.who, item.title, p);
    case 'customer-tickets':
      return ask(ctx, { kind: 'customer-tickets', customer: item.who.customer }, item.who, p);
    case 'region-report':
      return ask(ctx, { kind: 'region-report', home: item.home }, undefined, p);
    case 'tenant-tickets':
      return ask(ctx, { kind: 'tenant-tickets', tenant: item.tenant }, undefined, p);
  }
}

async function finishQuery(ctx: Ctx, request: string, q: PendingQuery, outcome: 'ok' | 'failed') {
  ctx.state.pending.delete(request);
  const scope = q.asked.length === 1 ? 'single' : 'scatter';
  await log(ctx, request, q.query.kind, scope, q.asked, outcome, outcome === 'ok' ? q.found.size : null, q.startedAt);
  ctx.fact({
    kind: 'query',
    request,
    query: q.query.kind,
    key: q.placement.key,
    scope,
    shards: q.asked.length,
    outcome,
    latencyMs: ctx.now - q.startedAt,
  });
}

async function writeConfirmed(ctx: Ctx, request: string) {
  const w = ctx.state.pending.get(request);
  if (w?.kind !== 'write') return;
  ctx.state.pending.delete(request);
  if (w.op === 'insert' && w.what === 'create') {
    await ctx.sql(`UPDATE issued SET state = 'stored' WHERE id = ${sqlInt(w.row.id)}`);
    await log(ctx, request, 'create', 'single', [w.shard], 'ok', 1, w.startedAt);
    return;
  }
  if (w.thenRemoveFrom) {
    // The first local transaction has committed on one shard; the second has not started on the other.
    ctx.note(`ticket ${w.row.id} now exists on ${w.shard} and on ${w.thenRemoveFrom}: removing the old copy`);
    const remove: PendingWrite = { kind: 'write', op: 'remove', shard: w.thenRemoveFrom, row: w.row, what: 'move', startedAt: w.startedAt };
    ctx.state.pending.set(request, remove);
    sendWrite(ctx, request, remove, 0);
    return;
  }
  await ctx.sql(`UPDATE issued SET tenant = ${sqlText(w.row.tenant)}, state = 'stored' WHERE id = ${sqlInt(w.row.id)}`);
  await log(ctx, request, 'move', 'single', [w.shard], 'ok', 1, w.startedAt);
}

async function moveTicket(ctx: Ctx, to: string) {
  const p = await placementOf(ctx);
  const [row] = rowsOf(
    await ctx.sql(
      `SELECT id, tenant, customer, home, title FROM issued WHERE state = 'stored' AND tenant = ${sqlText(BIG_TENANT)} ORDER BY id LIMIT 1`,
    ),
  );
  if (!row || resharding(ctx)) {
    ctx.note(row ? 'moves wait until resharding ends' : `no stored ${BIG_TENANT} ticket to move yet: run the workload first`);
    return;
  }
  const old: TicketRow = {
    id: Number(row['id']),
    tenant: String(row['tenant']),
    customer: String(row['customer']),
    home: String(row['home']),
    title: String(row['title']),
  };
  const moved: TicketRow = { ...old, tenant: to };
  const from = shardFor(old, p);
  const target = shardFor(moved, p);
  const request = newRequest(ctx, 'move');
  await ctx.sql(`UPDATE issued SET state = 'writing' WHERE id = ${sqlInt(old.id)}`);
  ctx.note(
    from === target
      ? `ticket ${old.id} moves from ${old.tenant} to ${to} on ${from}: one local transaction`
      : `ticket ${old.id} moves from ${old.tenant} on ${from} to ${to} on ${target}: two shards, two transactions`,
  );
  const w: PendingWrite = {
    kind: 'write',
    op: 'insert',
    shard: target,
    row: moved,
    ...(from === target ? {} : { thenRemoveFrom: from }),
    what: 'move',
    startedAt: ctx.now,
  };
  ctx.state.pending.set(request, w);
  sendWrite(ctx, request, w, 0);
}

const resharding = (ctx: Ctx) => ctx.state.draining || ctx.state.rebalancing !== undefined;

function writesInFlight(ctx: Ctx): number {
  return [...ctx.state.pending.values()].filter((p) => p.kind === 'write').length;
}

async function addShard(ctx: Ctx) {
  const p = await placementOf(ctx);
  if (p.shardCount === 4 || resharding(ctx)) {
    ctx.note('the fourth shard is already there');
    return;
  }
  ctx.state.draining = true;
  ctx.state.rebalanceStartedAt = ctx.now;
  const inFlight = writesInFlight(ctx);
  // A write placed by the old map that landed after its shard had rebalanced would stay where the new map
  // never looks, so the rows move only once every write already on its way has been confirmed.
  if (inFlight > 0) ctx.note(`resharding waits for ${inFlight} write(s) already on their way; new tickets wait too`);
  else await rebalance(ctx);
}

/** Starts moving rows once resharding has been asked for and no write is on its way any more. */
async function rebalanceWhenDrained(ctx: Ctx) {
  if (ctx.state.draining && writesInFlight(ctx) === 0) await rebalance(ctx);
}

async function rebalance(ctx: Ctx) {
  const p = await placementOf(ctx);
  ctx.state.draining = false;
  await ctx.sql('UPDATE settings SET shard_count = 4 WHERE id = 1');
  const placement: Placement = { key: p.key, hashing: p.hashing, shardCount: 4 };
  ctx.state.rebalancing = new Set(FIRST_SHARDS);
  ctx.note(`resharding 3 → 4 shards by ${p.key} (${p.hashing}); new tickets wait until it ends`);
  for (const shard of FIRST_SHARDS) ctx.send(shard, { type: 'rebalance', placement });
  ctx.setTimer(RETRY_FIRST_MS * 4, { type: 'retry', request: 'rebalance', attempt: 1 }, { retry: true });
}

export function router(database: ServiceDatabaseSpec): ServiceSpec<Sharding, 'router', RouterState> {
  return {
    label: 'Router (SQLite)',
    role: 'Places each ticket by its shard key; sends each query to one shard or to all of them',
    database,
    tables: [
      { title: 'settings', sql: 'SELECT shard_key, hashing, shard_count, workload_seed, big_tenant_percent FROM settings' },
      {
        title: 'requests (newest first)',
        sql: 'SELECT seq, kind, scope, shards, outcome, latency_ms FROM requests ORDER BY seq DESC LIMIT 12',
      },
    ],
    initialState: () => ({ items: [], pending: new Map(), draining: false, rebalancing: undefined, rebalanceStartedAt: 0, nextRequest: 0 }),
    on: {
      async workload(ctx) {
        const p = await placementOf(ctx);
        ctx.state.items = workload(p.seed, p.size, p.bigPercent);
        const first = ctx.state.items[0];
        if (first) ctx.setTimer(first.afterMs, { type: 'next-item', index: 0 });
      },
      async 'next-item'(ctx, m) {
        const item = ctx.state.items[m.index];
        if (!item) return;
        await play(ctx, item.item);
        const next = ctx.state.items[m.index + 1];
        if (next) ctx.setTimer(next.afterMs, { type: 'next-item', index: m.index + 1 });
      },
      async 'set-key'(ctx, m) {
        const [n] = rowsOf(await ctx.sql('SELECT count(*) AS n FROM issued'));
        if (Number(n?.['n']) > 0) {
          ctx.note('tickets exist already: changing the key now would mean moving them all (press Reset first)');
          return;
        }
        await ctx.sql(`UPDATE settings SET shard_key = ${sqlText(m.key)} WHERE id = 1`);
        ctx.note(`new tickets are placed by ${m.key}`);
      },
      async 'set-hashing'(ctx, m) {
        const [n] = rowsOf(await ctx.sql('SELECT count(*) AS n FROM issued'));
        if (Number(n?.['n']) > 0) {
          ctx.note('tickets exist already: choose the hashing before the workload (press Reset first)');
          return;
        }
        await ctx.sql(`UPDATE settings SET hashing = ${sqlText(m.hashing)} WHERE id = 1`);
        ctx.note(`keys are hashed with ${m.hashing === 'ring' ? 'a consistent-hashing ring' : 'hash modulo the shard count'}`);
      },
      'add-shard': addShard,
      'move-ticket': (ctx, m) => moveTicket(ctx, m.to),
      'set-conflicts'(ctx, m) {
        for (const region of REGIONS) ctx.send(region, { type: 'use-conflicts', mode: m.mode });
      },
      async inserted(ctx, m) {
        await writeConfirmed(ctx, m.request);
        await rebalanceWhenDrained(ctx);
      },
      async removed(ctx, m) {
        const w = ctx.state.pending.get(m.request);
        if (w?.kind !== 'write' || w.op !== 'remove') return;
        ctx.state.pending.delete(m.request);
        await ctx.sql(`UPDATE issued SET tenant = ${sqlText(w.row.tenant)}, state = 'stored' WHERE id = ${sqlInt(w.row.id)}`);
        await log(ctx, m.request, 'move', 'two shards', [w.shard], 'ok', 1, w.startedAt);
        await rebalanceWhenDrained(ctx);
      },
      async answer(ctx, m) {
        const q = ctx.state.pending.get(m.request);
        if (q?.kind !== 'query') return;
        q.answered.add(m.shard);
        for (const id of m.ids) q.found.add(id);
        if (q.asked.every((s) => q.answered.has(s))) await finishQuery(ctx, m.request, q, 'ok');
      },
      async timeout(ctx, m) {
        const q = ctx.state.pending.get(m.request);
        if (q?.kind !== 'query') return;
        const silent = q.asked.filter((s) => !q.answered.has(s));
        ctx.note(
          `${m.request} failed: no answer from ${silent.join(', ')} (asked ${q.asked.length} shard${q.asked.length === 1 ? '' : 's'})`,
        );
        await finishQuery(ctx, m.request, q, 'failed');
      },
      async retry(ctx, m) {
        if (m.request === 'rebalance') {
          const waiting = ctx.state.rebalancing;
          if (!waiting || waiting.size === 0) return;
          const p = await placementOf(ctx);
          const placement: Placement = { key: p.key, hashing: p.hashing, shardCount: p.shardCount };
          for (const shard of waiting) ctx.send(shard, { type: 'rebalance', placement });
          ctx.setTimer(
            backoff(ctx, m.attempt, RETRY_FIRST_MS * 4, RETRY_MAX_MS * 2),
            { type: 'retry', request: 'rebalance', attempt: m.attempt + 1 },
            { retry: true },
          );
          return;
        }
        const w = ctx.state.pending.get(m.request);
        if (w?.kind === 'write') sendWrite(ctx, m.request, w, m.attempt);
      },
      async rebalanced(ctx, m) {
        const waiting = ctx.state.rebalancing;
        if (!waiting?.has(m.shard)) return;
        waiting.delete(m.shard);
        if (waiting.size > 0) return;
        ctx.state.rebalancing = undefined;
        const p = await placementOf(ctx);
        const [n] = rowsOf(await ctx.sql("SELECT count(*) AS n FROM issued WHERE state = 'stored'"));
        ctx.fact({ kind: 'resharded', hashing: p.hashing, key: p.key, rows: Number(n?.['n'] ?? 0) });
        await log(ctx, 'reshard', 'add shard-4', 'all shards', shardsOf(4), 'ok', null, ctx.state.rebalanceStartedAt);
      },
    },
  };
}
