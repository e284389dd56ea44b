/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { chainRows, tableRows } from './comparison-table.ts';
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
  for (const row of committed.rows) expect(row.reads).toBe(43);
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
  expect(tableRows(committed)).toHaveLength(8);
});

it('shows what a chain of two calls costs against one direct call', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const [call, , , , , slow] = committed.rows;
  const [chain, chainSlow, everyHopRetries] = committed.rows.slice(7);
  expect(chain?.label).toBe('call through Support profiles');
  // The second hop adds a round trip to the typical page.
  expect((chain?.latencyP50Ms ?? 0) - (call?.latencyP50Ms ?? 0)).toBeGreaterThanOrEqual(15);
  // Every call goes through the middle, and on to the owner, which is asked about as often as directly.
  expect(chain?.profilesCalls).toBeGreaterThan(call?.ownerReads ?? Infinity);
  expect(chain?.ownerReads).toBeLessThanOrEqual(call?.ownerReads ?? 0);
  // Failure compounds: the chain fails with the owner and with the middle, and serves fewer pages.
  expect(chain?.failedInOutage).toBe(call?.failedInOutage);
  expect(chain?.failedInProfilesOutage).toBeGreaterThan(0);
  expect(chain?.failed).toBe((chain?.failedInOutage ?? 0) + (chain?.failedInProfilesOutage ?? 0));
  expect(chain?.failed).toBeGreaterThan(call?.failed ?? Infinity);
  // With the budget passed down, the owner sees about what a direct call sends it and no answer comes too late;
  // with every hop retrying on its own clock, the owner's load multiplies and most answers arrive after the caller gave up.
  expect(chainSlow?.profilesTooLate).toBe(0);
  expect(chainSlow?.ownerReads).toBeLessThan((slow?.ownerReads ?? 0) * 1.2);
  expect(everyHopRetries?.ownerReads).toBeGreaterThan((chainSlow?.ownerReads ?? Infinity) * 2);
  expect(everyHopRetries?.ownerPeakPer100Ms).toBeGreaterThan((chainSlow?.ownerPeakPer100Ms ?? Infinity) * 2);
  expect(everyHopRetries?.profilesTooLate).toBeGreaterThan((everyHopRetries?.profilesCalls ?? Infinity) / 2);
  expect(chainRows(committed)).toHaveLength(5);
});
