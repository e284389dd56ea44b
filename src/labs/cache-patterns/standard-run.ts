/**
 * The lab's standard run, the one behind the chapter's comparison table: for each configuration, the same
 * seed, the race on product 8, the workload, and the cache crashing once in the middle. Each run is reader
 * inputs only, so the live lab (and a hidden replay) reproduce it exactly.
 */
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { fillAction, invalidationAction, strategyAction } from './lab.ts';
import { byConfig, databaseQueries, type ConfigFigures } from './measures.ts';
import { configName, type Fill, type Invalidation, type LabFact, type Strategy } from './messages.ts';
import { FLUSH_INTERVAL_MS, RACE_PRODUCT, WORKLOAD_SIZE } from './settings.ts';

export const STANDARD_SEED = 7;
/** The cache-crash fault is on for a little longer than one flush interval, so the cache crashes once. */
export const CRASH = { from: 2_500, to: 2_500 + FLUSH_INTERVAL_MS + 100 } as const;

interface Setup {
  readonly strategy: Strategy;
  readonly invalidation: Invalidation;
  readonly fill: Fill;
}

/** The table's rows, in the order the chapter discusses them. */
export const STANDARD_SETUPS: readonly Setup[] = [
  { strategy: 'none', invalidation: 'ttl', fill: 'plain' },
  { strategy: 'aside', invalidation: 'ttl', fill: 'plain' },
  { strategy: 'aside', invalidation: 'event', fill: 'plain' },
  { strategy: 'aside', invalidation: 'event', fill: 'versioned' },
  { strategy: 'through', invalidation: 'ttl', fill: 'versioned' },
  { strategy: 'back', invalidation: 'ttl', fill: 'versioned' },
];

export interface ComparisonRow extends ConfigFigures {
  readonly strategy: Strategy;
  /** Every query Postgres ran: reads, loads, writes and flushes. */
  readonly databaseQueries: number;
  readonly databaseReads: number;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly ComparisonRow[];
}

/** Three settings actions for every row, so that every run draws the same workload from the seed. */
export function setupInputs(setup: Setup): ReaderInput[] {
  return [strategyAction(setup.strategy), invalidationAction(setup.invalidation), fillAction(setup.fill)].map((actionId) => ({
    kind: 'action',
    actionId,
  }));
}

async function until(sim: Simulation, at: number) {
  while (sim.now < at && (await sim.step()));
}

export async function standardRun(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, setup: Setup): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const input of setupInputs(setup)) await sim.apply(input);
  await sim.runUntilQuiet();
  await sim.apply({ kind: 'action', actionId: 'race' });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await until(sim, CRASH.from);
  await sim.apply({ kind: 'fault', faultId: 'cache-crash', on: true });
  await until(sim, CRASH.to);
  await sim.apply({ kind: 'fault', faultId: 'cache-crash', on: false });
  await sim.runUntilQuiet();
  return sim;
}

export function describeWorkload(): string {
  return `the race on product ${RACE_PRODUCT}, then ${WORKLOAD_SIZE} requests (Run the workload), with the cache crashing once between ${CRASH.from.toLocaleString('en')} and ${CRASH.to.toLocaleString('en')} ms; one run per configuration`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const rows: ComparisonRow[] = [];
  for (const setup of STANDARD_SETUPS) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    const facts = factsOf<LabFact>((await standardRun(lab, databases, setup)).trace);
    const row = byConfig(facts).find((r) => r.config === configName(setup));
    const db = databaseQueries(facts);
    if (row) rows.push({ ...row, strategy: setup.strategy, databaseQueries: db.total, databaseReads: db.reads });
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), rows };
}
