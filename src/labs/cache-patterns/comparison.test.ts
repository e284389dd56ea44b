/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { costRows, readRows } from './comparison-table.ts';
import { cachePatternsLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = cachePatternsLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    measured,
    'src/labs/cache-patterns/comparison.test.ts',
  );
}, 120_000);

it('shows the trade-offs the chapter describes: the table reads true', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const row = (config: string) => {
    const found = committed.rows.find((r) => r.config === config);
    if (!found) throw new Error(`no row for ${config}`);
    return found;
  };
  const none = row('no cache');
  const ttl = row('cache-aside, TTL only, plain fill');
  const racy = row('cache-aside, invalidate on write, plain fill');
  const fixed = row('cache-aside, invalidate on write, versioned fill');
  const through = row('write-through, versioned fill');
  const back = row('write-back, versioned fill');
  // Every row ran the same requests.
  expect(new Set(committed.rows.map((r) => r.reads + r.writes)).size).toBe(1);
  expect(none).toMatchObject({ hits: 0, staleReads: 0, writesLost: 0 });
  // TTL only: the best cache-aside hit rate, paid for in many stale reads, none older than the TTL.
  expect(ttl.hitRatePct).toBeGreaterThan(fixed.hitRatePct);
  expect(ttl.staleReads).toBeGreaterThan(racy.staleReads);
  expect(ttl.maxStaleMs).toBeLessThanOrEqual(2_000);
  // Invalidation leaves the race; the versioned fill closes it.
  expect(racy.staleReads).toBeGreaterThan(0);
  expect(fixed.staleReads).toBe(0);
  expect(through.staleReads).toBe(0);
  // Write-through keeps the cache warm for writes: the best hit rate, at a write as slow as cache-aside's.
  expect(through.hitRatePct).toBeGreaterThanOrEqual(fixed.hitRatePct);
  // Write-back answers writes fastest and is the only one that loses any.
  expect(back.writeMeanMs).toBeLessThan(through.writeMeanMs);
  expect(back.writesLost).toBeGreaterThan(0);
  for (const r of committed.rows.filter((r) => r !== back)) expect(r.writesLost).toBe(0);
  expect(back.databaseQueries).toBeLessThan(through.databaseQueries);
  for (const r of committed.rows.filter((r) => r !== none)) expect(r.databaseQueries).toBeLessThan(none.databaseQueries);
  expect(readRows(committed)[0]).toMatchObject({ configuration: 'no cache', 'Postgres queries (saved)': `${none.databaseQueries} (0)` });
  expect(costRows(committed).at(-1)).toMatchObject({ 'writes lost': `${back.writesLost} of ${back.writes}` });
});
