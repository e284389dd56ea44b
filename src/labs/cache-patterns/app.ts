/**
 * The product service: what shoppers call. Its `settings` choose how it uses the cache, and this file is
 * where each way of caching is written out, for one read and one write:
 *
 * - no cache: every read and write goes to Postgres;
 * - cache-aside: look in the cache; on a miss read Postgres and fill the cache. Writes go to Postgres, and
 *   under "invalidate on write" the app deletes the cache entry before it acknowledges;
 * - write-through: reads as cache-aside; writes go to the cache, which writes Postgres and then itself;
 * - write-back: reads as cache-aside; writes go to the cache, which acknowledges at once and flushes later.
 *
 * Every answer is logged in `reads` or `acks`; a read's staleness is judged against the acks.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import {
  configName,
  FILLS,
  INVALIDATIONS,
  STRATEGIES,
  type CachePatterns,
  type Config,
  type Get,
  type ProductRow,
  type Update,
} from './messages.ts';
import { DEFAULT_TTL_MS, FILL_PAUSE_MS } from './settings.ts';

/**
 * `kept` is the real app. `skipped` is broken on purpose, for the tests: under "invalidate on write" it
 * acknowledges a write without deleting the cache entry, as code that forgot the delete would.
 */
export type InvalidationStep = 'kept' | 'skipped';

interface PendingRead {
  readonly get: Get;
  readonly config: Config;
  readonly askedAt: number;
}
interface PendingWrite {
  readonly update: Update;
  readonly config: Config;
  readonly askedAt: number;
  version: number;
}

/** Volatile: requests in flight, by request id. */
interface AppState {
  readonly reads: Map<string, PendingRead>;
  readonly writes: Map<string, PendingWrite>;
}

type Ctx = LabContext<CachePatterns, 'app', AppState>;

async function settings(ctx: Ctx): Promise<Config> {
  const [row] = rowsOf(await ctx.sql('SELECT strategy, invalidation, fill, ttl_ms FROM settings WHERE id = 1'));
  return {
    strategy: STRATEGIES.find((s) => s === row?.['strategy']) ?? 'aside',
    invalidation: INVALIDATIONS.find((i) => i === row?.['invalidation']) ?? 'ttl',
    fill: FILLS.find((f) => f === row?.['fill']) ?? 'plain',
    ttlMs: Number(row?.['ttl_ms'] ?? DEFAULT_TTL_MS),
  };
}

/** Answers a read, logs it, and judges it against every write acknowledged before it was asked. */
async function answer(ctx: Ctx, requestId: string, row: ProductRow, source: 'cache' | 'database') {
  const pending = ctx.state.reads.get(requestId);
  if (!pending) return;
  ctx.state.reads.delete(requestId);
  const config = configName(pending.config);
  const [stale] = rowsOf(
    await ctx.sql(
      `SELECT coalesce(${sqlInt(pending.askedAt)} - min(acked_at), 0) AS stale_ms FROM acks WHERE product_id = ${sqlInt(row.id)} AND version > ${sqlInt(row.version)} AND acked_at <= ${sqlInt(pending.askedAt)}`,
    ),
  );
  const staleMs = Number(stale?.['stale_ms'] ?? 0);
  await ctx.sql(
    `INSERT INTO reads (request, product_id, version, source, stale_ms, config, asked_at, answered_at) VALUES (${sqlText(requestId)}, ${sqlInt(row.id)}, ${sqlInt(row.version)}, ${sqlText(source)}, ${sqlInt(staleMs)}, ${sqlText(config)}, ${sqlInt(pending.askedAt)}, ${sqlInt(ctx.now)})`,
  );
  if (staleMs > 0) ctx.note(`${requestId} served product ${row.id} at version ${row.version}, ${staleMs} ms stale`);
  ctx.send('shoppers', { type: 'get-done', requestId, source, version: row.version, staleMs, config });
}

async function acknowledge(ctx: Ctx, requestId: string, version: number) {
  const pending = ctx.state.writes.get(requestId);
  if (!pending) return;
  ctx.state.writes.delete(requestId);
  const { update, config } = pending;
  const name = configName(config);
  await ctx.sql(
    `INSERT INTO acks (write_id, product_id, version, price_cents, config, asked_at, acked_at) VALUES (${sqlText(update.writeId)}, ${sqlInt(update.productId)}, ${sqlInt(version)}, ${sqlInt(update.priceCents)}, ${sqlText(name)}, ${sqlInt(pending.askedAt)}, ${sqlInt(ctx.now)})`,
  );
  ctx.send('shoppers', { type: 'update-done', requestId, version, config: name });
}

async function get(ctx: Ctx, m: Get) {
  const config = await settings(ctx);
  ctx.state.reads.set(m.requestId, { get: m, config, askedAt: ctx.now });
  if (config.strategy === 'none') ctx.send('products', { type: 'db-read', requestId: m.requestId, productId: m.productId });
  else ctx.send('cache', { type: 'cache-get', requestId: m.requestId, productId: m.productId });
}

async function update(ctx: Ctx, m: Update) {
  const config = await settings(ctx);
  ctx.state.writes.set(m.requestId, { update: m, config, askedAt: ctx.now, version: 0 });
  const write = { requestId: m.requestId, writeId: m.writeId, productId: m.productId, priceCents: m.priceCents };
  switch (config.strategy) {
    case 'none':
    case 'aside':
      return ctx.send('products', { type: 'db-write', ...write });
    case 'through':
      return ctx.send('cache', { type: 'write-through', ...write, config });
    case 'back':
      return ctx.send('cache', { type: 'write-back', ...write, config });
  }
}

/** A miss answered by Postgres: answer the shopper, then fill the cache, after a pause if one is due. */
async function fromDatabase(ctx: Ctx, requestId: string, row: ProductRow) {
  const pending = ctx.state.reads.get(requestId);
  if (!pending) return;
  await answer(ctx, requestId, row, 'database');
  if (pending.config.strategy === 'none') return;
  const pauseMs = Math.max(pending.get.pauseFillMs, ctx.isFaultOn('fill-pause') ? FILL_PAUSE_MS : 0);
  if (pauseMs > 0) ctx.setTimer(pauseMs, { type: 'fill-now', row, config: pending.config });
  else ctx.send('cache', { type: 'cache-fill', row, ttlMs: pending.config.ttlMs, fill: pending.config.fill });
}

async function configure(ctx: Ctx, column: string, value: string) {
  await ctx.sql(`UPDATE settings SET ${column} = ${sqlText(value)} WHERE id = 1`);
  // A cache filled under other rules would blur the next measurement: it starts empty (dirty writes stay).
  ctx.send('cache', { type: 'clear' });
  ctx.note(`${column} is now "${value}"; the cache is emptied of clean entries`);
}

export function app(invalidationStep: InvalidationStep, database: ServiceDatabaseSpec): ServiceSpec<CachePatterns, 'app', AppState> {
  return {
    label: 'Product service',
    role: 'Answers shoppers; its settings choose cache-aside, write-through or write-back',
    database,
    tables: [
      { title: 'settings', sql: 'SELECT strategy, invalidation, fill, ttl_ms FROM settings' },
      {
        title: 'reads (newest first)',
        sql: 'SELECT seq, product_id, version, source, stale_ms, answered_at - asked_at AS ms FROM reads ORDER BY seq DESC LIMIT 10',
      },
      { title: 'acks (newest first)', sql: 'SELECT seq, write_id, product_id, version, acked_at FROM acks ORDER BY seq DESC LIMIT 8' },
    ],
    initialState: () => ({ reads: new Map(), writes: new Map() }),
    on: {
      get,
      update,
      async 'cache-answer'(ctx, m) {
        if (m.row) return answer(ctx, m.requestId, m.row, 'cache');
        const pending = ctx.state.reads.get(m.requestId);
        if (pending) ctx.send('products', { type: 'db-read', requestId: m.requestId, productId: pending.get.productId });
      },
      'db-row': (ctx, m) => fromDatabase(ctx, m.requestId, m.row),
      'fill-now'(ctx, m) {
        ctx.send('cache', { type: 'cache-fill', row: m.row, ttlMs: m.config.ttlMs, fill: m.config.fill });
      },
      async 'db-written'(ctx, m) {
        const pending = ctx.state.writes.get(m.requestId);
        if (!pending) return;
        const invalidate = pending.config.strategy === 'aside' && pending.config.invalidation === 'event';
        if (!invalidate || invalidationStep === 'skipped') return acknowledge(ctx, m.requestId, m.row.version);
        // Delete, then acknowledge: a read asked after the acknowledgement cannot find the old entry.
        pending.version = m.row.version;
        ctx.send('cache', { type: 'invalidate', requestId: m.requestId, productId: m.row.id, version: m.row.version });
      },
      async invalidated(ctx, m) {
        const pending = ctx.state.writes.get(m.requestId);
        if (pending) await acknowledge(ctx, m.requestId, pending.version);
      },
      'cache-written': (ctx, m) => acknowledge(ctx, m.requestId, m.version),
      'set-strategy': (ctx, m) => configure(ctx, 'strategy', m.strategy),
      'set-invalidation': (ctx, m) => configure(ctx, 'invalidation', m.invalidation),
      'set-fill': (ctx, m) => configure(ctx, 'fill', m.fill),
      async 'import-acks'(ctx) {
        const acks = rowsOf(await ctx.sql('SELECT write_id, product_id, version, price_cents, acked_at FROM acks ORDER BY seq')).map(
          (r) => ({
            writeId: String(r['write_id']),
            productId: Number(r['product_id']),
            version: Number(r['version']),
            priceCents: Number(r['price_cents']),
            ackedAt: Number(r['acked_at']),
          }),
        );
        ctx.send('products', { type: 'db-import-acks', acks });
      },
    },
  };
}
