/**
 * The runs behind the chapter's table: the workload (twenty changes with four incidents) with the relay
 * crashing once after publishing, played on the same seed with the relay polling every 100 ms and then
 * every 1,000 ms. Every pipeline sees the very same changes in each run.
 */
import { resetDatabase } from '../engine/reset-database.ts';
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { pipelineFigures, type PipelineFigures } from './figures.ts';
import { PIPELINE_LABEL, type OutboxFact, type Pipeline } from './messages.ts';
import { POLL_INTERVAL_MS, RARE_POLL_INTERVAL_MS, WORKLOAD } from './settings.ts';

export const STANDARD_SEED = 7;
/** The relay crashes after publishing during this window of the workload: one poll falls in it. */
export const RELAY_CRASH_WINDOW = { from: 390, to: 450 } as const;

export async function standardRun(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  rarePolls: boolean,
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  if (rarePolls) await sim.apply({ kind: 'fault', faultId: 'rare-polls', on: true });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  while (sim.now < RELAY_CRASH_WINDOW.from && (await sim.step()));
  await sim.apply({ kind: 'fault', faultId: 'relay-crash', on: true });
  while (sim.now < RELAY_CRASH_WINDOW.to && (await sim.step()));
  await sim.apply({ kind: 'fault', faultId: 'relay-crash', on: false });
  await sim.runUntilQuiet(20_000);
  return sim;
}

export interface ComparisonRow extends PipelineFigures {
  readonly label: string;
  readonly pollIntervalMs: number | null;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly ComparisonRow[];
}

/** The pipelines shown again with rare polls: the ones whose latency and load the interval sets. */
const RARE_ROWS: readonly Pipeline[] = ['outbox', 'wal'];

function rows(sim: Simulation, rare: boolean): ComparisonRow[] {
  const interval = rare ? RARE_POLL_INTERVAL_MS : POLL_INTERVAL_MS;
  return pipelineFigures(factsOf<OutboxFact>(sim.trace))
    .filter((f) => !rare || RARE_ROWS.includes(f.pipeline))
    .map((f) => {
      const polled = !f.pipeline.includes('then');
      return {
        ...f,
        label: polled ? `${PIPELINE_LABEL[f.pipeline]}, every ${interval.toLocaleString('en')} ms` : PIPELINE_LABEL[f.pipeline],
        pollIntervalMs: polled ? interval : null,
      };
    });
}

export function describeWorkload(): string {
  return `${WORKLOAD.length} changes to eight tickets over 1.2 s: one commit followed by a crash, one held by PREPARE TRANSACTION for 700 ms, one refused by a foreign key, one published and then crashed before its transaction; the relay crashes once after publishing; one run per poll interval, each from the first state`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const all: ComparisonRow[] = [];
  for (const rare of [false, true]) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    all.push(...rows(await standardRun(lab, databases, rare), rare));
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), rows: all };
}
