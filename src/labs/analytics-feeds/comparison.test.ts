/** The chapter's comparison tables, checked against the lab's standard runs (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { feedTableRows, syncTableRows, type ComparisonFile } from './comparison-table.ts';
import committedJson from './comparison.generated.json';
import { feedsLab } from './lab.ts';
import { measureComparison, type Comparison } from './standard-run.ts';

const lab = feedsLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

/**
 * Engine time is measured afresh on every run and never repeats to the millisecond; everything else does.
 * The committed file keeps the engine times measured when it was written; the test checks the rest.
 */
function withCommittedEngineTimes(measured: Comparison, committed: ComparisonFile): Comparison {
  if (process.env['WRITE_COMPARISON'] === '1') return measured;
  return {
    ...measured,
    feeds: measured.feeds.map((row, i) => ({ ...row, reprocessingEngineMs: committed.feeds[i]?.reprocessingEngineMs ?? -1 })),
  };
}

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    withCommittedEngineTimes(measured, committedJson),
    'src/labs/analytics-feeds/comparison.test.ts',
  );
}, 180_000);

it('shows the trade-offs the chapter describes', () => {
  const committed: ComparisonFile = committedJson;
  const [batch, stream, lambda, kappa, buggy] = committed.feeds;
  expect(committed.feeds.map((r) => r.label)).toEqual([
    'Nightly batch',
    'Change stream (v1)',
    'Lambda (speed layer + nightly overwrite)',
    'Kappa: stream after replaying v2',
    'Lambda (speed layer + nightly overwrite), speed layer with a bug',
  ]);
  // The batch is a day behind; the streams are fresh.
  expect(batch?.freshnessP50Ms).toBeGreaterThan(5 * (stream?.freshnessP50Ms ?? 0));
  // v1 drops late events and stays wrong; Kappa's replay counts them and is right.
  expect(stream?.lateDropped).toBeGreaterThan(0);
  expect(stream?.errorLast).toBeGreaterThan(0);
  expect(kappa).toMatchObject({ errorLast: 0, errorMax: 0, lateDropped: 0, codePaths: 1, reprocessing: 'replay' });
  expect(kappa?.reprocessedChanges).toBeGreaterThan(0);
  expect(lambda?.codePaths).toBe(2);
  expect(batch?.codePaths).toBe(1);
  expect(buggy?.correctedAtNight).toBeGreaterThan(lambda?.correctedAtNight ?? 0);
  const [direct, owned, api] = committed.sync;
  expect(direct?.sharedTables).toBe(1);
  expect(direct?.scoresOverwritten).toBeGreaterThan(0);
  expect(owned).toMatchObject({ sharedTables: 0, scoresOverwritten: 0 });
  expect(api).toMatchObject({ sharedTables: 0, scoresOverwritten: 0 });
  expect(feedTableRows(committed)).toHaveLength(5);
  expect(syncTableRows(committed)).toHaveLength(3);
});
