/**
 * The chapter's exercises, checked against the lab's real databases: the product service's logs, the
 * cache's tables and Postgres. Three of them are checked again on runs or interleavings the reader never saw.
 */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { invalidateSql } from './fill-sql.ts';
import { configName } from './messages.ts';
import { TTL_EXERCISE } from './settings.ts';

const at = (step: number, input: RecordedInput['input']): RecordedInput => ({ step, input });
const action = (step: number, actionId: string) => at(step, { kind: 'action', actionId });
const NO_REPLAY = 'This check replays the lab on runs you have not seen, and this page cannot do that.';

/** Workloads the reader has not seen: other seeds drawing other requests from the same mix. */
export const HIDDEN_WORKLOAD_SEEDS = [0x7701, 0x7702, 0x7703] as const;

const chooseTtl: ExerciseDefinition = {
  id: 'choose-ttl',
  title: `With TTL only, keep every read under ${TTL_EXERCISE.maxStaleMs} ms stale and hit the cache on ${100 * TTL_EXERCISE.minHitShare}% of reads`,
  async check(ctx) {
    const [settings] = await select(requireDb(ctx.databases, 'app'), 'SELECT ttl_ms FROM settings WHERE id = 1');
    if (!settings) return { passed: false, message: 'The product service’s settings row is gone. Restart the lab to get it back.' };
    if (!ctx.replay) return { passed: false, message: NO_REPLAY };
    const ttlMs = Number(settings['ttl_ms']);
    const configure = at(0, {
      kind: 'sql',
      service: 'app',
      sql: `UPDATE settings SET strategy = 'aside', invalidation = 'ttl', fill = 'plain', ttl_ms = ${sqlInt(ttlMs)} WHERE id = 1`,
    });
    const seen: string[] = [];
    for (const [i, seed] of HIDDEN_WORKLOAD_SEEDS.entries()) {
      const problem = await ctx.replay(seed, [configure, action(0, 'run-workload')], async (run) => {
        const [r] = await select(
          requireDb(run.databases, 'app'),
          "SELECT count(*) AS reads, coalesce(sum(source = 'cache'), 0) AS hits, coalesce(max(stale_ms), 0) AS stale FROM reads",
        );
        const reads = Number(r?.['reads'] ?? 0);
        const hitPct = reads === 0 ? 0 : Math.round((100 * Number(r?.['hits'])) / reads);
        const stale = Number(r?.['stale'] ?? 0);
        seen.push(`${hitPct}% hits, ${stale} ms`);
        if (stale > TTL_EXERCISE.maxStaleMs)
          return `On hidden workload ${i + 1}, with ttl_ms = ${ttlMs}, a read was ${stale} ms stale: more than ${TTL_EXERCISE.maxStaleMs} ms.`;
        if (hitPct < 100 * TTL_EXERCISE.minHitShare)
          return `On hidden workload ${i + 1}, with ttl_ms = ${ttlMs}, the cache answered ${hitPct}% of reads: fewer than ${100 * TTL_EXERCISE.minHitShare}%.`;
        return undefined;
      });
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message: `With ttl_ms = ${ttlMs}, three workloads you have not seen gave ${seen.join('; ')} (hit rate; worst staleness). A TTL is the longest an entry can be wrong, and also the longest it can save Postgres a query.`,
    };
  },
};

/** One event reaching the cache in the order an interleaving delivers it. */
type CacheOp =
  | { readonly op: 'fill'; readonly productId: number; readonly version: number }
  | { readonly op: 'invalidate'; readonly productId: number; readonly version: number };

const fillOp = (productId: number, version: number): CacheOp => ({ op: 'fill', productId, version });
const inval = (productId: number, version: number): CacheOp => ({ op: 'invalidate', productId, version });

/**
 * Interleavings the reader has not seen, each the order in which fills and invalidations reached the cache:
 * a fill read before a write arriving after its invalidation, a repeated fill refreshing an entry, two writes
 * in a row, and several products at once.
 */
export const HIDDEN_INTERLEAVINGS: readonly (readonly CacheOp[])[] = [
  [fillOp(1, 1), inval(1, 2), fillOp(1, 1), fillOp(1, 2), fillOp(1, 2)],
  [inval(2, 3), fillOp(2, 2), fillOp(2, 3), inval(2, 4), inval(2, 5), fillOp(2, 4), fillOp(2, 5), fillOp(2, 3)],
  [fillOp(3, 1), fillOp(4, 1), inval(3, 2), fillOp(4, 1), fillOp(3, 1), inval(4, 2), fillOp(4, 2), fillOp(3, 2), inval(3, 3), fillOp(3, 2)],
];

/**
 * Plays one interleaving on a cache database with `fillSql` as the fill statement and returns the first
 * thing that went wrong: an entry older than a version already invalidated, or a current fill turned away.
 */
export async function playInterleaving(cache: Database, fillSql: string, ops: readonly CacheOp[]): Promise<string | undefined> {
  await cache.query(transaction(['DELETE FROM entries', 'DELETE FROM fences', 'DELETE FROM incoming']));
  const fenced = new Map<number, number>();
  const held = new Map<number, number>();
  for (const [i, op] of ops.entries()) {
    const where = `step ${i + 1} (${op.op} product ${op.productId} at version ${op.version})`;
    if (op.op === 'invalidate') {
      await cache.query(transaction(invalidateSql(op.productId, op.version)));
      fenced.set(op.productId, Math.max(fenced.get(op.productId) ?? 0, op.version));
      held.delete(op.productId);
      continue;
    }
    const result = await cache.query(
      [
        'DELETE FROM incoming;',
        `INSERT INTO incoming (product_id, name, price_cents, version, filled_at, expires_at) VALUES (${sqlInt(op.productId)}, ${sqlText(`product ${op.productId}`)}, ${sqlInt(100 * op.version)}, ${sqlInt(op.version)}, ${sqlInt(i)}, ${sqlInt(10_000 + i)});`,
        `${fillSql.trim().replace(/;$/, '')};`,
        'DELETE FROM incoming;',
      ].join('\n'),
    );
    if (!result.ok) return `At ${where} your statement failed: ${result.error.message}`;
    const [row] = await select(cache, `SELECT version, filled_at FROM entries WHERE product_id = ${sqlInt(op.productId)}`);
    const version = row ? Number(row['version']) : undefined;
    const current = op.version >= (fenced.get(op.productId) ?? 0) && op.version >= (held.get(op.productId) ?? 0);
    if (version !== undefined && version < (fenced.get(op.productId) ?? 0))
      return `At ${where} the cache kept version ${version} although version ${fenced.get(op.productId)} had been invalidated: a stale entry until its TTL ends.`;
    if (current && (version !== op.version || Number(row?.['filled_at']) !== i))
      return `At ${where} the fill was current but the cache ${version === undefined ? 'holds nothing' : `kept version ${version} from an earlier fill`}: the next reads miss, or expire too soon.`;
    if (version !== undefined) held.set(op.productId, version);
  }
  return undefined;
}

const fixTheRace: ExerciseDefinition = {
  id: 'fix-the-race',
  title: 'Write a fill that cannot put an old version back after an invalidation',
  answer: { kind: 'sql', service: 'cache', placeholder: 'INSERT INTO entries (…) SELECT … FROM incoming …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type the statement that copies the row in incoming into entries.' };
    if (!ctx.replay) return { passed: false, message: NO_REPLAY };
    for (const [i, ops] of HIDDEN_INTERLEAVINGS.entries()) {
      const problem = await ctx.replay(HIDDEN_WORKLOAD_SEEDS[0], [], (run) =>
        playInterleaving(requireDb(run.databases, 'cache'), sql, ops),
      );
      if (problem) return { passed: false, message: `On hidden interleaving ${i + 1}: ${problem}` };
    }
    return {
      passed: true,
      message:
        'On three interleavings you have not seen, your fill never kept a version older than one already invalidated, and every current fill went in. Choose Fill: versioned set to run the lab’s own version of it.',
    };
  },
};

/** The write-back runs behind find-lost-writes: the workload, with the cache crashing once in it. */
const WRITE_BACK_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [0x7711, 0x7712].map((seed) => ({
  seed,
  inputs: [
    action(0, 'strategy-back'),
    action(0, 'fill-versioned'),
    action(0, 'run-workload'),
    at(300, { kind: 'fault', faultId: 'cache-crash', on: true }),
    at(600, { kind: 'fault', faultId: 'cache-crash', on: false }),
  ],
}));

/** What import-acks does, done by the check on a hidden run's databases. */
async function importAcks(app: Database, products: Database) {
  const acks = await select(app, 'SELECT write_id, product_id, version, price_cents, acked_at FROM acks ORDER BY seq');
  const values = acks.map(
    (a) =>
      `(${sqlText(String(a['write_id']))}, ${sqlInt(Number(a['product_id']))}, ${sqlInt(Number(a['version']))}, ${sqlInt(Number(a['price_cents']))}, ${sqlInt(Number(a['acked_at']))})`,
  );
  await products.query(
    transaction([
      'DELETE FROM acked_writes',
      ...(values.length > 0
        ? [`INSERT INTO acked_writes (write_id, product_id, version, price_cents, acked_at) VALUES ${values.join(', ')}`]
        : []),
    ]),
  );
}

const findLostWrites: ExerciseDefinition = {
  id: 'find-lost-writes',
  title: 'After a write-back crash, list the acknowledged writes Postgres does not hold',
  answer: { kind: 'sql', service: 'products', placeholder: 'SELECT write_id FROM acked_writes …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a query on Postgres whose first column is write_id.' };
    const own = await ctx.run('products', sql);
    if (!own.ok) return { passed: false, message: `Postgres answered: ${own.error.message}` };
    if (!ctx.replay) return { passed: false, message: NO_REPLAY };
    for (const [i, run] of WRITE_BACK_RUNS.entries()) {
      const problem = await ctx.replay(run.seed, run.inputs, async (hidden) => {
        const products = requireDb(hidden.databases, 'products');
        await importAcks(requireDb(hidden.databases, 'app'), products);
        const result = await products.query(sql);
        if (!result.ok) return `your query failed: ${result.error.message}`;
        const got = new Set((result.results.at(-1)?.rows ?? []).map((row) => String(row[0])));
        const lost = (await select(requireDb(hidden.databases, 'cache'), 'SELECT write_id FROM lost_writes ORDER BY write_id')).map((r) =>
          String(r['write_id']),
        );
        if (lost.length === 0) return 'the crash lost nothing, which should not happen: please report it.';
        const missed = lost.filter((id) => !got.has(id));
        const extra = [...got].filter((id) => !lost.includes(id));
        if (missed.length === 0 && extra.length === 0) return undefined;
        const parts = [];
        if (missed.length > 0) parts.push(`missed ${missed[0]}`);
        if (extra.length > 0) parts.push(`listed ${extra[0]}, which Postgres does hold`);
        return `the crash lost ${lost.length} write(s); your query ${parts.join(' and ')}.`;
      });
      if (problem)
        return {
          passed: false,
          message: `On hidden run ${i + 1} ${problem} Compare each acknowledged write with Postgres’s history by write_id, not by price or version.`,
        };
    }
    return {
      passed: true,
      message:
        'On two write-back runs you have not seen, your query listed exactly the acknowledged writes the crash took. Without an independent log of acknowledgements, nobody could have listed them at all.',
    };
  },
};

const catchTheRace: ExerciseDefinition = {
  id: 'catch-the-race',
  title: 'Get the cache to serve an old price after the write was acknowledged and its entry deleted',
  async check(ctx) {
    const config = configName({ strategy: 'aside', invalidation: 'event', fill: 'plain' });
    const [stale] = await select(
      requireDb(ctx.databases, 'app'),
      `SELECT request, product_id, version, stale_ms FROM reads WHERE source = 'cache' AND stale_ms > 0 AND config = ${sqlText(config)} ORDER BY seq LIMIT 1`,
    );
    if (!stale)
      return {
        passed: false,
        message: `No read under "${config}" has come from the cache stale yet. Choose those settings, then play the race.`,
      };
    return {
      passed: true,
      message: `${String(stale['request'])} got product ${String(stale['product_id'])} at version ${String(stale['version'])} from the cache, ${String(stale['stale_ms'])} ms after a newer version was acknowledged and its entry deleted: the paused fill put the old row back.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchTheRace, chooseTtl, fixTheRace, findLostWrites];
