/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { readPathsLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = readPathsLab();
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
    'src/labs/read-paths/comparison.test.ts',
  );
}, 120_000);

it('shows what each read path costs on the same workload', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const [call, copy, cacheTtl, cacheEvents, shared, slow, storm] = committed.rows;
  for (const row of committed.rows.slice(0, 5)) expect(row.reads).toBe(43);
  // A call per ticket loads the owner and fails with it; the copy does neither, and is sometimes stale.
  expect(call?.ownerReads).toBeGreaterThan(200);
  expect(call?.failedInOutage).toBeGreaterThan(0);
  // A call can only be stale by a change that commits while the page is being put together.
  expect(call?.staleMaxAgeMs).toBeLessThan(100);
  expect(copy).toMatchObject({ ownerReads: 0, failedInOutage: 0, failed: 0 });
  expect(copy?.stale).toBeGreaterThan(0);
  expect(copy?.latencyP99Ms).toBeLessThan(call?.latencyP99Ms ?? 0);
  // A TTL cache is stale for longer than one invalidated by events.
  expect(cacheTtl?.staleMaxAgeMs).toBeGreaterThan(cacheEvents?.staleMaxAgeMs ?? Infinity);
  expect(cacheEvents?.ownerReads).toBeLessThan((call?.ownerReads ?? 0) / 5);
  // Only the shared schema breaks when the owner renames its column, with Postgres's own error.
  for (const row of [call, copy, cacheTtl, cacheEvents]) expect(row?.failedAfterSchemaChange).toBe(0);
  expect(shared?.schemaError).toMatch(/^42703/);
  // Retries at once, without backoff or jitter, pile onto a slow owner.
  expect(storm?.ownerReads).toBeGreaterThan(slow?.ownerReads ?? Infinity);
  expect(storm?.failed).toBeGreaterThan(slow?.failed ?? Infinity);
  for (const row of [slow, storm]) expect(row?.failedAfterSchemaChange).toBe(0);
  expect(tableRows(committed)).toHaveLength(7);
});
