/**
 * The replicated cache (SQLite, in memory), as a Redis beside the ticket service would be: the ticket
 * service asks it for a page's customers in one round trip, fills what it misses from calls to
 * Customers (cache-aside), and, with event invalidation, passes on the owner's change events, which
 * remove the entries they make stale. Every entry also expires by TTL, on a timer, as Redis expires keys.
 *
 * `invalidation: false` is a deliberately broken cache for the tests: no TTL and no invalidation, so an
 * entry stays whatever the owner does.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import cacheSql from './cache.sql?raw';
import type { CacheSet, ReadPaths } from './messages.ts';

interface CacheState {
  /** Wiped by the "cold cache" fault since it was last switched on. */
  wiped: boolean;
}

type Ctx = LabContext<ReadPaths, 'cache', CacheState>;

/** With the "cold cache" fault switched on, the cache restarts empty once, as after a deploy. */
async function coldStart(ctx: Ctx) {
  if (!ctx.isFaultOn('cache-cold')) {
    ctx.state.wiped = false;
    return;
  }
  if (ctx.state.wiped) return;
  ctx.state.wiped = true;
  await ctx.sql('DELETE FROM entries; DELETE FROM invalidated;');
  ctx.fact({ kind: 'cache-cold' });
  ctx.note('the cache restarted empty: every lookup misses until calls fill it again');
}

async function set(ctx: Ctx, m: CacheSet, invalidation: boolean) {
  const v = m.value;
  const expires = invalidation ? ctx.now + m.ttlMs : Number.MAX_SAFE_INTEGER;
  // A fill never replaces a newer entry, nor brings back a version an invalidation has already superseded.
  const result = await ctx.sql(`INSERT INTO entries (customer_id, name, plan, version, cached_at, expires_at)
SELECT ${sqlText(v.customerId)}, ${sqlText(v.name)}, ${sqlText(v.plan)}, ${sqlInt(v.version)}, ${sqlInt(ctx.now)}, ${sqlInt(expires)}
WHERE ${sqlInt(v.version)} >= coalesce((SELECT version FROM invalidated WHERE customer_id = ${sqlText(v.customerId)}), 0)
ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, plan = excluded.plan, version = excluded.version,
  cached_at = excluded.cached_at, expires_at = excluded.expires_at
WHERE excluded.version >= entries.version`);
  if (result.ok && invalidation) ctx.setTimer(m.ttlMs, { type: 'expire', customerId: v.customerId, version: v.version });
}

export function cache(invalidation = true): ServiceSpec<ReadPaths, 'cache', CacheState> {
  return {
    label: 'Cache (SQLite, in memory)',
    role: 'Holds customers’ name and plan as last fetched, until they expire or an event invalidates them',
    database: { kind: 'sqlite', setupSql: cacheSql },
    tables: [
      {
        title: 'entries',
        sql: 'SELECT customer_id, name, plan, version AS v, cached_at, expires_at FROM entries ORDER BY customer_id',
      },
    ],
    initialState: () => ({ wiped: false }),
    on: {
      async 'cache-get'(ctx, m) {
        await coldStart(ctx);
        const hits = rowsOf(
          await ctx.sql(
            `SELECT customer_id, name, plan, version FROM entries WHERE customer_id IN (${m.customerIds.map(sqlText).join(', ')}) AND expires_at > ${sqlInt(ctx.now)}`,
          ),
        ).map((r) => ({
          customerId: String(r['customer_id']),
          name: String(r['name']),
          plan: String(r['plan']),
          version: Number(r['version']),
        }));
        ctx.send('tickets', { type: 'cache-hits', readId: m.readId, hits });
      },
      async 'cache-set'(ctx, m) {
        await coldStart(ctx);
        await set(ctx, m, invalidation);
      },
      async invalidate(ctx, m) {
        if (!invalidation) return;
        await ctx.sql(
          transaction(
            m.changes.flatMap((c) => [
              `DELETE FROM entries WHERE customer_id = ${sqlText(c.customerId)} AND version < ${sqlInt(c.version)}`,
              `INSERT INTO invalidated VALUES (${sqlText(c.customerId)}, ${sqlInt(c.version)}) ON CONFLICT (customer_id) DO UPDATE SET version = max(version, excluded.version)`,
            ]),
          ),
        );
      },
      async expire(ctx, m) {
        await ctx.sql(
          `DELETE FROM entries WHERE customer_id = ${sqlText(m.customerId)} AND version = ${sqlInt(m.version)} AND expires_at <= ${sqlInt(ctx.now)}`,
        );
      },
    },
  };
}
