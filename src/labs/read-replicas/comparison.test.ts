/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { costRows, feltRows } from './comparison-table.ts';
import { readReplicasLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = readReplicasLab();
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
    'src/labs/read-replicas/comparison.test.ts',
  );
}, 120_000);

it('shows what each policy promises: the chapter’s table reads true', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const row = (policy: string) => {
    const found = committed.rows.find((r) => r.policy === policy);
    if (!found) throw new Error(`no row for ${policy}`);
    return found;
  };
  expect(committed.rows.map((r) => r.policy)).toEqual(['any', 'bounded', 'sticky', 'token', 'leader']);
  // Any follower breaks every guarantee; sticky keeps monotonic and causal order but not your own writes.
  expect(row('any')).toMatchObject({ refused: 0, byLeader: 0 });
  expect(row('any').readYourWrites * row('any').monotonic).toBeGreaterThan(0);
  expect(row('sticky')).toMatchObject({ monotonic: 0, causal: 0 });
  expect(row('sticky').readYourWrites).toBeGreaterThan(0);
  // The bound turns stale answers into refusals: the partition's choice, counted.
  expect(row('bounded').refused).toBeGreaterThan(0);
  expect(row('bounded').servedPastBound).toBe(0);
  // A refused read ends its page, so fewer scenarios run to their end.
  expect(row('bounded').reads).toBeLessThan(row('any').reads);
  // A position token keeps every session guarantee and sends only a few reads to the leader; the leader keeps them all.
  expect(row('token')).toMatchObject({ readYourWrites: 0, monotonic: 0, causal: 0 });
  expect(row('token').byLeader).toBeLessThan(row('token').reads / 2);
  // A session guarantee is not freshness: some token reads are served well behind the leader.
  expect(row('token').servedPastBound).toBeGreaterThan(0);
  expect(row('leader')).toMatchObject({ readYourWrites: 0, monotonic: 0, causal: 0, byFollowers: 0 });
  expect(feltRows(committed).map((r) => r['routing policy'])).toEqual(committed.rows.map((r) => r.label));
  expect(costRows(committed)[4]).toMatchObject({ 'served by the leader': `${row('leader').reads} of ${row('leader').reads}` });
});
