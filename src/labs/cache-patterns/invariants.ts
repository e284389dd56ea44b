/** What must hold in the cache-patterns lab, computed from the product service's logs, the cache and Postgres. */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { configName, type CachePatterns } from './messages.ts';

/** The configurations that promise fresh reads: an invalidation or a write-through, with versioned fills. */
export const FRESH_CONFIGS = [
  configName({ strategy: 'aside', invalidation: 'event', fill: 'versioned' }),
  configName({ strategy: 'through', invalidation: 'ttl', fill: 'versioned' }),
];

const list = (names: readonly string[]) => names.map((n) => `'${n.replaceAll("'", "''")}'`).join(', ');

const freshReads: InvariantSpec<CachePatterns> = {
  id: 'fresh-when-invalidated',
  label: 'With invalidation on write (or write-through) and versioned fills, no read misses a write acknowledged before it',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'app'),
      `SELECT seq, request, product_id, version, source, stale_ms, config FROM reads WHERE stale_ms > 0 AND config IN (${list(FRESH_CONFIGS)}) ORDER BY seq LIMIT 10`,
    );
    if (rows.length === 0)
      return { status: 'holds', summary: 'No read under those settings returned an older version than one already acknowledged.' };
    const first = rows[0];
    return {
      status: 'broken',
      summary: `${rows.length} read(s) returned an old version; ${String(first?.['request'])} got product ${String(first?.['product_id'])} ${String(first?.['stale_ms'])} ms stale from the ${String(first?.['source'])}.`,
      rows,
    };
  },
};

const acknowledgedWritesHeld: InvariantSpec<CachePatterns> = {
  id: 'acknowledged-writes-held',
  label: 'Postgres holds every acknowledged write, except write-back writes a cache crash took, each counted',
  async check(dbs, quiet) {
    const acks = await select(requireDb(dbs, 'app'), 'SELECT write_id, product_id, version, config FROM acks ORDER BY seq');
    const held = new Set(
      (await select(requireDb(dbs, 'products'), 'SELECT write_id FROM price_history WHERE write_id IS NOT NULL')).map((r) =>
        String(r['write_id']),
      ),
    );
    const lost = new Set((await select(requireDb(dbs, 'cache'), 'SELECT write_id FROM lost_writes')).map((r) => String(r['write_id'])));
    const missing = acks.filter((a) => !held.has(String(a['write_id'])));
    const uncounted = missing.filter((a) => !lost.has(String(a['write_id'])));
    const writeBack = (a: (typeof acks)[number]) => String(a['config']).startsWith('write-back');
    // A write acknowledged before Postgres had it is broken at once; a write-back write may wait for a flush.
    const early = uncounted.filter((a) => !writeBack(a));
    const unflushed = uncounted.filter((a) => writeBack(a));
    const counted = `${acks.length} acknowledged, ${lost.size} lost in a crash and counted`;
    if (early.length > 0)
      return {
        status: 'broken',
        summary: `${early.length} write(s) acknowledged without write-back are not in Postgres (${counted}).`,
        rows: early,
      };
    if (unflushed.length === 0)
      return { status: 'holds', summary: `Every acknowledged write is in price_history, or in lost_writes (${counted}).` };
    if (!quiet)
      return { status: 'pending', summary: `${unflushed.length} write-back write(s) not flushed yet (${counted}).`, rows: unflushed };
    return {
      status: 'broken',
      summary: `${unflushed.length} write-back write(s) never reached Postgres and were not counted as lost.`,
      rows: unflushed,
    };
  },
};

const neverBackwards: InvariantSpec<CachePatterns> = {
  id: 'versions-only-go-up',
  label: 'Postgres never moves a product back to an older version',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'products'),
      `SELECT seq, product_id, version, previous FROM (
  SELECT seq, product_id, version, lag(version) OVER (PARTITION BY product_id ORDER BY seq) AS previous FROM price_history) h
WHERE version <= previous ORDER BY seq`,
    );
    if (rows.length === 0) return { status: 'holds', summary: 'Every change in price_history raised its product’s version.' };
    return { status: 'broken', summary: `${rows.length} change(s) went back to an older version.`, rows };
  },
};

export const invariants: readonly InvariantSpec<CachePatterns>[] = [freshReads, acknowledgedWritesHeld, neverBackwards];
