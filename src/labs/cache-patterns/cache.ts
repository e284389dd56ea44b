/**
 * The cache: a copy of product rows with an expiry each. It answers lookups, takes fills and invalidations
 * from the app, and under write-through or write-back it takes the writes themselves. Its tables stand for
 * memory: the `cache-crash` fault empties them, and what was still dirty is lost (and counted).
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { FILL_SQL, fenceSql, invalidateSql } from './fill-sql.ts';
import type { CachePatterns, DbLoaded, DirtyWrite, Fill, ProductRow, WriteBack, WriteThrough } from './messages.ts';
import { productOf } from './rows.ts';
import { DEFAULT_TTL_MS, FLUSH_INTERVAL_MS } from './settings.ts';

/** Volatile, lost with the process: writes waiting on Postgres, and the flush in progress. */
interface CacheState {
  readonly throughWrites: Map<string, WriteThrough>;
  /** Write-back writes to a product the cache did not hold: they wait for its row from Postgres. */
  readonly waitingForRow: Map<number, WriteBack[]>;
  flushArmed: boolean;
  flushInFlight: boolean;
  /** The TTL an entry gets once its last dirty write has reached Postgres. */
  ttlMs: number;
}

type Ctx = LabContext<CachePatterns, 'cache', CacheState>;

const initialState = (): CacheState => ({
  throughWrites: new Map(),
  waitingForRow: new Map(),
  flushArmed: false,
  flushInFlight: false,
  ttlMs: DEFAULT_TTL_MS,
});

/** Copies `row` into the cache through the chosen fill statement; says whether it went in. */
async function fill(ctx: Ctx, row: ProductRow, ttlMs: number, how: Fill): Promise<boolean> {
  const result = await ctx.sql(
    transaction([
      `INSERT INTO incoming (product_id, name, price_cents, version, filled_at, expires_at) VALUES (${sqlInt(row.id)}, ${sqlText(row.name)}, ${sqlInt(row.priceCents)}, ${sqlInt(row.version)}, ${sqlInt(ctx.now)}, ${sqlInt(ctx.now + ttlMs)})`,
      FILL_SQL[how],
      'DELETE FROM incoming',
      `SELECT version FROM entries WHERE product_id = ${sqlInt(row.id)}`,
    ]),
  );
  const held = result.ok ? result.results.at(-2)?.rows[0]?.[0] : undefined;
  const stored = Number(held) === row.version;
  if (!stored) {
    ctx.fact({ kind: 'fill-refused', productId: row.id, version: row.version });
    ctx.note(`fill of product ${row.id} at version ${row.version} turned away: the cache knows a newer version`);
  }
  return stored;
}

function armFlush(ctx: Ctx) {
  if (ctx.state.flushArmed) return;
  ctx.state.flushArmed = true;
  ctx.setTimer(FLUSH_INTERVAL_MS, { type: 'flush-tick' });
}

/** Acknowledges a write-back write at once: the entry takes the new price and the next version, and waits in `dirty`. */
async function applyWriteBack(ctx: Ctx, m: WriteBack) {
  const result = await ctx.sql(
    transaction([
      `UPDATE entries SET price_cents = ${sqlInt(m.priceCents)}, version = version + 1, filled_at = ${sqlInt(ctx.now)}, expires_at = NULL WHERE product_id = ${sqlInt(m.productId)}`,
      `INSERT INTO dirty (write_id, product_id, price_cents, version, acked_at) SELECT ${sqlText(m.writeId)}, product_id, price_cents, version, ${sqlInt(ctx.now)} FROM entries WHERE product_id = ${sqlInt(m.productId)}`,
      `SELECT version FROM entries WHERE product_id = ${sqlInt(m.productId)}`,
    ]),
  );
  const version = result.ok ? Number(result.results.at(-2)?.rows[0]?.[0] ?? 0) : 0;
  if (version === 0) return;
  ctx.send('app', { type: 'cache-written', requestId: m.requestId, version });
  armFlush(ctx);
}

async function writeBack(ctx: Ctx, m: WriteBack) {
  ctx.state.ttlMs = m.config.ttlMs;
  const waiting = ctx.state.waitingForRow.get(m.productId);
  if (waiting) return void waiting.push(m);
  const [held] = rowsOf(await ctx.sql(`SELECT version FROM entries WHERE product_id = ${sqlInt(m.productId)}`));
  if (held) return applyWriteBack(ctx, m);
  // The next version must follow Postgres's, so a product the cache does not hold is loaded first.
  ctx.state.waitingForRow.set(m.productId, [m]);
  ctx.send('products', { type: 'db-load', productId: m.productId });
}

async function loaded(ctx: Ctx, m: DbLoaded) {
  const waiting = ctx.state.waitingForRow.get(m.row.id);
  if (!waiting) return;
  ctx.state.waitingForRow.delete(m.row.id);
  const config = waiting[0]?.config;
  if (config) await fill(ctx, m.row, config.ttlMs, 'versioned');
  for (const write of waiting) await applyWriteBack(ctx, write);
}

/** Hands every dirty write to Postgres, oldest first, one batch at a time; or crashes, under the fault. */
async function flushTick(ctx: Ctx) {
  ctx.state.flushArmed = false;
  if (ctx.state.flushInFlight) return armFlush(ctx);
  if (ctx.isFaultOn('cache-crash')) return crash(ctx);
  const writes: DirtyWrite[] = rowsOf(await ctx.sql('SELECT write_id, product_id, price_cents, version FROM dirty ORDER BY seq')).map(
    (r) => ({
      writeId: String(r['write_id']),
      productId: Number(r['product_id']),
      priceCents: Number(r['price_cents']),
      version: Number(r['version']),
    }),
  );
  if (writes.length === 0) return;
  await ctx.sql(`DELETE FROM dirty WHERE seq <= (SELECT max(seq) FROM dirty)`);
  ctx.state.flushInFlight = true;
  ctx.send('products', { type: 'db-flush', writes });
}

/**
 * The process dies and comes back empty. What was dirty never reaches Postgres: the lab writes it to
 * `lost_writes` before emptying the tables, which is how the loss is counted, not something a cache could do.
 */
async function crash(ctx: Ctx) {
  const lost = rowsOf(await ctx.sql('SELECT write_id FROM dirty ORDER BY seq')).map((r) => String(r['write_id']));
  await ctx.sql(
    transaction([
      `INSERT INTO lost_writes (write_id, product_id, version, price_cents, lost_at) SELECT write_id, product_id, version, price_cents, ${sqlInt(ctx.now)} FROM dirty`,
      'DELETE FROM dirty',
      'DELETE FROM entries',
      'DELETE FROM fences',
      'DELETE FROM incoming',
    ]),
  );
  ctx.state = initialState();
  ctx.fact({ kind: 'writes-lost', writeIds: lost });
  ctx.note(`the cache crashed and restarted empty; ${lost.length} acknowledged write(s) had not reached Postgres and are lost`);
}

async function flushed(ctx: Ctx, writeIds: readonly string[]) {
  if (!ctx.state.flushInFlight) return;
  ctx.state.flushInFlight = false;
  ctx.note(`Postgres holds ${writeIds.length} more write(s)`);
  // An entry whose writes have all reached Postgres is an ordinary copy again, and may expire.
  await ctx.sql(
    `UPDATE entries SET expires_at = ${sqlInt(ctx.now + ctx.state.ttlMs)} WHERE expires_at IS NULL AND product_id NOT IN (SELECT product_id FROM dirty)`,
  );
  const [left] = rowsOf(await ctx.sql('SELECT count(*) AS n FROM dirty'));
  if (Number(left?.['n'] ?? 0) > 0) armFlush(ctx);
}

export function cache(database: ServiceDatabaseSpec): ServiceSpec<CachePatterns, 'cache', CacheState> {
  return {
    label: 'Cache (in memory)',
    role: 'Copies of product rows with an expiry; under write-through and write-back it takes the writes too',
    database,
    tables: [
      { title: 'entries', sql: 'SELECT product_id, price_cents, version, expires_at FROM entries ORDER BY product_id' },
      { title: 'dirty (write-back)', sql: 'SELECT seq, write_id, product_id, version FROM dirty ORDER BY seq' },
      { title: 'fences', sql: 'SELECT product_id, version FROM fences ORDER BY product_id' },
    ],
    initialState,
    on: {
      async 'cache-get'(ctx, m) {
        const [row] = rowsOf(
          await ctx.sql(
            `SELECT product_id AS id, name, price_cents, version FROM entries WHERE product_id = ${sqlInt(m.productId)} AND (expires_at IS NULL OR expires_at > ${sqlInt(ctx.now)})`,
          ),
        );
        ctx.send('app', { type: 'cache-answer', requestId: m.requestId, row: row ? productOf(row) : null });
      },
      async 'cache-fill'(ctx, m) {
        await fill(ctx, m.row, m.ttlMs, m.fill);
      },
      async invalidate(ctx, m) {
        await ctx.sql(transaction(invalidateSql(m.productId, m.version)));
        ctx.send('app', { type: 'invalidated', requestId: m.requestId });
      },
      async evict(ctx, m) {
        await ctx.sql(`DELETE FROM entries WHERE product_id = ${sqlInt(m.productId)} AND expires_at IS NOT NULL`);
        ctx.note(`product ${m.productId} evicted to make room`);
      },
      async clear(ctx) {
        await ctx.sql(transaction(['DELETE FROM entries WHERE expires_at IS NOT NULL', 'DELETE FROM fences']));
      },
      'write-through'(ctx, m) {
        ctx.state.throughWrites.set(m.requestId, m);
        ctx.send('products', {
          type: 'db-write',
          requestId: m.requestId,
          writeId: m.writeId,
          productId: m.productId,
          priceCents: m.priceCents,
        });
      },
      async 'db-written'(ctx, m) {
        const write = ctx.state.throughWrites.get(m.requestId);
        if (!write) return;
        ctx.state.throughWrites.delete(m.requestId);
        // Postgres has committed: the cache takes the new row before it acknowledges, so the next read sees it.
        // It also keeps the version as a fence: once memory pressure evicts the entry, a miss that read
        // Postgres before this write could otherwise fill the old row back in.
        await ctx.sql(fenceSql(m.row.id, m.row.version));
        await fill(ctx, m.row, write.config.ttlMs, write.config.fill);
        ctx.send('app', { type: 'cache-written', requestId: m.requestId, version: m.row.version });
      },
      'write-back': writeBack,
      'db-loaded': loaded,
      'flush-tick': flushTick,
      'db-flushed': (ctx, m) => flushed(ctx, m.writeIds),
    },
  };
}
