/**
 * The runs behind the chapter's tables, on one seed. First the day of history, a projection added after it
 * and the summary replayed into v2; then the busy account, and replays timed on the real engine. Then the
 * rush of concurrent commands twice from the first state: with the optimistic-concurrency check, and
 * without it (the negative control), so that what the check prevents is measured, not asserted.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import {
  concurrencyFigures,
  projectionFigures,
  replayFigures,
  storageFigures,
  type ConcurrencyFigures,
  type ReplayRow,
} from './figures.ts';
import { FOLD_SQL, OVERDRAWN_SQL } from './fold-sql.ts';
import { eventSourcingLab } from './lab.ts';
import type { EsFact } from './messages.ts';
import { BUSY_EVENTS, HISTORY_EVENTS, RUSH_COMMANDS, RUSH_WINDOW_MS } from './settings.ts';

export const STANDARD_SEED = 7;

export interface ProjectionRow {
  readonly projection: string;
  readonly events: number;
  readonly batches: number;
  readonly engineMs: number;
  readonly caughtUpAfterMs: number;
}

export interface RushRow {
  readonly check: 'optimistic' | 'none';
  readonly figures: ConcurrencyFigures;
  /** Withdrawals that left an account below its limit, read from the events afterwards. */
  readonly overdrawn: number;
  /** Accounts whose state-table row differs from the fold of their events. */
  readonly stateRowsWrong: number;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly replay: readonly ReplayRow[];
  readonly storage: {
    readonly events: number;
    readonly accounts: number;
    readonly snapshots: number;
    readonly eventsBytes: number;
    readonly snapshotsBytes: number;
    readonly stateBytes: number;
  };
  /** Accounts whose summary_v1 balance differed from their events before the replay. */
  readonly v1Wrong: number;
  readonly projections: readonly ProjectionRow[];
  readonly rush: readonly RushRow[];
}

type Dbs = ReadonlyMap<ServiceName, Database>;

async function reset(lab: LabDefinition, databases: Dbs) {
  for (const service of databaseServices(lab)) {
    const db = databases.get(service.name);
    if (db) await resetDatabase(db, service.spec);
  }
}

async function play(sim: Simulation, ...actions: string[]) {
  for (const actionId of actions) await sim.apply({ kind: 'action', actionId });
  await sim.runUntilQuiet(100_000);
}

async function v1Differences(databases: Dbs): Promise<number> {
  const rows = new Map(
    (await select(requireDb(databases, 'projector'), 'SELECT account, balance_cents FROM summary_v1')).map((r) => [
      String(r['account']),
      Number(r['balance_cents']),
    ]),
  );
  return (await select(requireDb(databases, 'accounts'), FOLD_SQL)).filter(
    (f) => rows.get(String(f['stream'])) !== Number(f['balance_cents']),
  ).length;
}

export async function rushRun(lab: LabDefinition, databases: Dbs, check: RushRow['check']): Promise<RushRow> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await play(sim, 'rush');
  const store = requireDb(databases, 'accounts');
  const folded = new Map((await select(store, FOLD_SQL)).map((r) => [String(r['stream']), Number(r['balance_cents'])]));
  const table = await select(store, 'SELECT stream, balance_cents FROM accounts');
  return {
    check,
    figures: concurrencyFigures(factsOf<EsFact>(sim.trace)),
    overdrawn: (await select(store, OVERDRAWN_SQL)).length,
    stateRowsWrong: table.filter((r) => folded.get(String(r['stream'])) !== Number(r['balance_cents'])).length,
  };
}

export function describeWorkload(): string {
  return `a day of history (${HISTORY_EVENTS.toLocaleString('en')} events, the morning’s deposits in the old shape), a busy account of ${BUSY_EVENTS.toLocaleString('en')} events, and a rush of ${RUSH_COMMANDS} commands on two accounts in ${RUSH_WINDOW_MS} ms, played with and without the version check`;
}

export async function measureComparison(lab: LabDefinition, databases: Dbs): Promise<Comparison> {
  await reset(lab, databases);
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await play(sim, 'load-history');
  const v1Wrong = await v1Differences(databases);
  await play(sim, 'add-daily-totals', 'replay-summary');
  await play(sim, 'load-busy-account');
  await play(sim, 'time-replays');
  const facts = factsOf<EsFact>(sim.trace);
  const storage = storageFigures(facts);
  if (!storage) throw new Error('the standard run measured no storage');
  const sizes = {
    events: storage.events,
    accounts: storage.accounts,
    snapshots: storage.snapshots,
    eventsBytes: storage.eventsBytes,
    snapshotsBytes: storage.snapshotsBytes,
    stateBytes: storage.stateBytes,
  };
  const projections = projectionFigures(facts).map((p) => ({
    projection: p.projection,
    events: p.events,
    batches: p.batches,
    engineMs: p.engineMs,
    caughtUpAfterMs: p.caughtUpAfterMs ?? -1,
  }));
  await reset(lab, databases);
  const withCheck = await rushRun(lab, databases, 'optimistic');
  await reset(lab, databases);
  const without = await rushRun(eventSourcingLab({ optimistic: false }), databases, 'none');
  await reset(lab, databases);
  return {
    seed: STANDARD_SEED,
    workload: describeWorkload(),
    replay: replayFigures(facts),
    storage: sizes,
    v1Wrong,
    projections,
    rush: [withCheck, without],
  };
}
