/** The chapter's comparison tables, checked against the lab's standard runs (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { conflictRows, downRows, keyRows, reshardRows } from './comparison-table.ts';
import { shardingLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = shardingLab();
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
    'src/labs/sharding/comparison.test.ts',
  );
}, 300_000);

it('reads true: the chapter’s claims hold in the committed figures', async () => {
  const { default: c } = await import('./comparison.generated.json');
  const key = (k: string) => {
    const row = c.keys.find((r) => r.key === k);
    if (!row) throw new Error(`no row for ${k}`);
    return row;
  };
  expect(c.keys.map((r) => r.key)).toEqual(['customer', 'region', 'tenant']);
  // The same tickets: only the key differs. The huge tenant makes its shard hot; the customer hash does not.
  expect(new Set(c.keys.map((r) => r.rows)).size).toBe(1);
  expect(key('customer').hottestRowShare).toBeLessThan(40);
  expect(key('region').hottestRowShare).toBeGreaterThan(45);
  expect(key('tenant').hottestRowShare).toBeGreaterThan(70);
  // Waiting for every shard costs more than asking one, whatever the key.
  for (const r of c.keys) expect(r.scatter.meanMs).toBeGreaterThan(r.single.meanMs);
  // Modulo hashing moves most rows; the ring moves about what the new shard takes.
  const [modulo, ring] = c.resharding;
  expect(modulo?.hashing).toBe('modulo');
  expect((modulo?.moved ?? 0) * 2).toBeGreaterThan(modulo?.rows ?? 0);
  expect((ring?.moved ?? 0) * 3).toBeLessThan(ring?.rows ?? 0);
  // A down shard fails every scatter-gather, and only the one-shard queries that need it.
  for (const r of c.shardDown) {
    expect(r.scatter.failed).toBe(r.scatter.queries);
    expect(r.single.failed).toBeGreaterThan(0);
    expect(r.single.failed).toBeLessThan(r.single.queries / 2);
  }
  expect(c.conflicts).toMatchObject([
    { mode: 'lww', accepted: 4, equal: true },
    { mode: 'merge', accepted: 4, lost: 0, equal: true, reopened: 2 },
  ]);
  expect(c.conflicts[0]?.lost).toBeGreaterThan(0);
  expect(keyRows(c)).toHaveLength(3);
  expect(reshardRows(c)[1]?.['rows moved, 3 → 4 shards']).toBe(`${ring?.moved} of ${ring?.rows}`);
  expect(downRows(c)).toHaveLength(1);
  expect(conflictRows(c)[1]?.['changes lost']).toBe(0);
});
