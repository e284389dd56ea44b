/**
 * The runs behind the chapter's tables: the same four days of tickets (same seed, late closures on), played
 * three times. Run A leaves everything as it starts; run B deploys logic v2 by replay in the middle of day
 * three; run C turns on the speed layer's bug. Each run also syncs the churn scores a different way.
 */
import { select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { codePaths, feedFigures, lateFigures, nightlyFigures, replayFigures, syncFigures } from './figures.ts';
import type { Feed, FeedsFact, Logic, SyncMode } from './messages.ts';
import { feedLabel } from './measures.ts';
import { DAY_MS, WORKLOAD_DAYS } from './settings.ts';

export const STANDARD_SEED = 14;
/** Run B deploys v2 at this moment: after the first late closures, before the last night. */
export const DEPLOY_AT_MS = 2 * DAY_MS + 500;

export interface FeedRow {
  readonly label: string;
  readonly feed: Feed;
  readonly logic: Logic | null;
  readonly reads: number;
  readonly freshnessP50Ms: number;
  readonly freshnessMaxMs: number;
  readonly errorLast: number;
  readonly errorMax: number;
  readonly lateDropped: number;
  readonly lateCounted: number;
  /**
   * What the feed does to correct or change its past: the nightly run recopies every ticket (how many, at the
   * last night); a replay reads the log again (how many changes, and its measured engine time).
   */
  readonly reprocessing: 'nightly' | 'replay' | 'none';
  readonly reprocessedChanges: number;
  readonly reprocessingEngineMs: number;
  readonly codePaths: number;
  /** Lambda only: tickets by which the batch's answer differed from the speed layer's, summed over the nights. */
  readonly correctedAtNight: number;
}

export interface SyncRow {
  readonly mode: SyncMode;
  readonly pushes: number;
  readonly scoresOverwritten: number;
  readonly sharedTables: number;
  readonly scoresHeld: number;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly feeds: readonly FeedRow[];
  readonly sync: readonly SyncRow[];
}

const on = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: true });
const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });

interface Variant {
  readonly inputs: readonly ReaderInput[];
  readonly deployAt?: number;
  readonly mode: SyncMode;
}

const VARIANTS: readonly Variant[] = [
  { inputs: [on('late-events'), action('sync-direct'), action('run-days')], mode: 'direct' },
  { inputs: [on('late-events'), action('sync-owned-table'), action('run-days')], deployAt: DEPLOY_AT_MS, mode: 'owned-table' },
  { inputs: [on('late-events'), on('speed-layer-bug'), action('sync-api'), action('run-days')], mode: 'api' },
];

export async function standardRun(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  variant: Variant,
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const input of variant.inputs) await sim.apply(input);
  if (variant.deployAt !== undefined) {
    while (sim.now < variant.deployAt && (await sim.step()));
    await sim.apply(action('deploy-v2'));
  }
  await sim.runUntilQuiet(50_000);
  return sim;
}

const FEED_TABLES: Readonly<Record<string, readonly string[]>> = {
  batch: ['batch_daily'],
  'stream:v1': ['stream_v1'],
  'stream:v2': ['stream_v2'],
  lambda: ['batch_daily', 'speed_daily'],
};

function feedRows(facts: readonly ReturnType<typeof factsOf<FeedsFact>>[number][], feeds: readonly string[], suffix = ''): FeedRow[] {
  const late = lateFigures(facts);
  const nightly = nightlyFigures(facts);
  const replay = replayFigures(facts);
  const paths = codePaths(facts);
  return feedFigures(facts)
    .map((f) => ({ f, key: f.feed === 'stream' ? `stream:${f.logic ?? 'v1'}` : f.feed }))
    .filter(({ key }) => feeds.includes(key))
    .map(({ f, key }) => {
      const tables = FEED_TABLES[key] ?? [];
      const lateOf = late.find((l) => l.table === (key === 'lambda' ? 'speed_daily' : tables[0]));
      const reprocessing = key === 'stream:v2' ? 'replay' : key === 'stream:v1' ? 'none' : 'nightly';
      return {
        label: `${feedLabel(f.feed, f.logic)}${suffix}`,
        feed: f.feed,
        logic: f.logic ?? null,
        reads: f.reads,
        freshnessP50Ms: f.freshnessP50Ms,
        freshnessMaxMs: f.freshnessMaxMs,
        errorLast: f.errorLast,
        errorMax: f.errorMax,
        lateDropped: key === 'batch' ? 0 : (lateOf?.dropped ?? 0),
        lateCounted: lateOf?.restated ?? 0,
        reprocessing,
        reprocessedChanges: reprocessing === 'replay' ? replay.changes : reprocessing === 'nightly' ? nightly.lastTickets : 0,
        reprocessingEngineMs: reprocessing === 'replay' ? Math.round(replay.engineMs) : 0,
        codePaths: new Set(tables.flatMap((t) => paths.get(t) ?? [])).size,
        correctedAtNight: key === 'lambda' ? nightly.lambdaTicketsCorrected : 0,
      };
    });
}

async function syncRow(
  databases: ReadonlyMap<ServiceName, Database>,
  facts: Parameters<typeof syncFigures>[0],
  mode: SyncMode,
): Promise<SyncRow> {
  const customers = databases.get('customers');
  if (!customers) throw new Error('no customers database');
  const [row] = await select(
    customers,
    `SELECT (SELECT count(*) FROM (SELECT table_name FROM table_writers GROUP BY table_name HAVING count(*) > 1) t)::int AS shared,
  (SELECT count(*) FROM customers WHERE churn_risk IS NOT NULL)::int + (SELECT count(*) FROM pipeline_churn_scores)::int + (SELECT count(*) FROM churn_scores)::int AS held`,
  );
  const s = syncFigures(facts);
  return {
    mode,
    pushes: s.pushes,
    scoresOverwritten: s.reverted,
    sharedTables: Number(row?.['shared']),
    scoresHeld: Number(row?.['held']),
  };
}

export function describeWorkload(): string {
  return `${WORKLOAD_DAYS} lab days of tickets (one lab day is ${DAY_MS.toLocaleString('en')} ms), one closure in three synced late; the analyst reads every report at 600 ms past each midnight, and once more a day after the last. Run A as the lab starts; run B deploys v2 by replay at ${DEPLOY_AT_MS.toLocaleString('en')} ms; run C with the speed layer's bug. Same seed each time`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const feeds: FeedRow[] = [];
  const sync: SyncRow[] = [];
  const wanted = [['batch', 'stream:v1', 'lambda'], ['stream:v2'], ['lambda']] as const;
  for (const [i, variant] of VARIANTS.entries()) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    const sim = await standardRun(lab, databases, variant);
    const facts = factsOf<FeedsFact>(sim.trace);
    feeds.push(...feedRows(facts, wanted[i] ?? [], i === 2 ? ', speed layer with a bug' : ''));
    sync.push(await syncRow(databases, facts, variant.mode));
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), feeds, sync };
}
