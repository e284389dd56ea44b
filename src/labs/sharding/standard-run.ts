/**
 * The lab's standard runs, the ones behind the chapter's tables: the same workload placed by each shard key;
 * a resharding from 3 to 4 shards with each hashing; the workload with shard 3 down; and one ticket written in
 * both regions during a partition, under each conflict policy. Each run is reader inputs only, so the live lab
 * (and a hidden replay) reproduce it exactly.
 */
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import {
  conflictFigures,
  latencyFigures,
  loadFigures,
  reshardFigures,
  type ConflictFigures,
  type LatencyFigures,
  type LoadFigures,
} from './measures.ts';
import type { LabFact } from './messages.ts';
import { SHARD_KEYS, type Hashing, type ShardKey } from './placement.ts';
import { BIG_TENANT_PERCENT, WORKLOAD_SEED, WORKLOAD_SIZE } from './settings.ts';

export const STANDARD_SEED = 7;

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: string, on: boolean): ReaderInput => ({ kind: 'fault', faultId, on });

export interface KeyRow extends LoadFigures {
  readonly key: ShardKey;
  readonly single: LatencyFigures;
  readonly scatter: LatencyFigures;
}
export interface ReshardRow {
  readonly hashing: Hashing;
  readonly moved: number;
  readonly rows: number;
}
export interface DownRow {
  readonly key: ShardKey;
  readonly single: LatencyFigures;
  readonly scatter: LatencyFigures;
}
export interface ConflictRow extends ConflictFigures {
  readonly mode: 'lww' | 'merge';
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly keys: readonly KeyRow[];
  readonly resharding: readonly ReshardRow[];
  readonly shardDown: readonly DownRow[];
  readonly conflicts: readonly ConflictRow[];
}

/** Virtual time by which the workload has sent its last request (240 gaps of at most 40 ms). */
export const WORKLOAD_DONE_MS = 10_000;

/** The inputs of each standard run, in order; every input runs to quiet before the next, unless it waits for a time. */
type Step = ReaderInput | { readonly kind: 'until'; readonly at: number };
export const RUNS = {
  key: (key: ShardKey): Step[] => [action(`key-${key}`), action('run-workload')],
  ring: (): Step[] => [action('hashing-ring'), action('run-workload')],
  // Writes to a down shard are repeated until it is back, so the run heals it once the workload has played.
  down: (key: ShardKey): Step[] => [
    action(`key-${key}`),
    fault('shard-3-down', true),
    action('run-workload'),
    { kind: 'until', at: WORKLOAD_DONE_MS },
    fault('shard-3-down', false),
  ],
  conflict: (mode: 'lww' | 'merge'): Step[] => [
    action(`conflicts-${mode}`),
    fault('partition-regions', true),
    action('eu-tags'),
    action('eu-reopens'),
    action('us-tags'),
    action('us-reopens'),
    fault('partition-regions', false),
  ],
};

export async function resetAll(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>) {
  for (const service of databaseServices(lab)) {
    const db = databases.get(service.name);
    if (db) await resetDatabase(db, service.spec);
  }
}

/** Plays `steps` on a fresh simulation; `sim` may be played further (as the resharding runs do). */
export async function playRun(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, steps: readonly Step[]) {
  await resetAll(lab, databases);
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await play(sim, steps);
  return sim;
}

/** How long an action is given to play out while a fault is on, when nothing can go quiet. */
export const FAULTED_ACTION_MS = 500;

export async function play(sim: Simulation, steps: readonly Step[]) {
  const faultsOn = new Set<string>();
  for (const step of steps) {
    if (step.kind === 'until') {
      while (sim.now < step.at && (await sim.step()));
      continue;
    }
    await sim.apply(step);
    if (step.kind === 'fault') {
      if (step.on) faultsOn.add(step.faultId);
      else faultsOn.delete(step.faultId);
    }
    if (step.kind !== 'action') continue;
    // Under a fault, work waiting for the other side is retried for ever: give the action a while, not until quiet.
    if (faultsOn.size === 0) await sim.runUntilQuiet(50_000);
    else {
      const until = sim.now + FAULTED_ACTION_MS;
      while (sim.now < until && (await sim.step()));
    }
  }
  await sim.runUntilQuiet(50_000);
}

const factsIn = (sim: Simulation) => factsOf<LabFact>(sim.trace);

export function describeWorkload(): string {
  return `${WORKLOAD_SIZE} requests (Run the workload, seed ${WORKLOAD_SEED}, the tenant acme sending ${BIG_TENANT_PERCENT} % of them) once per shard key, then a fourth shard added; shard 3 down during the whole workload; ticket 7 tagged and reopened once in each region during a partition`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const keys: KeyRow[] = [];
  const resharding: ReshardRow[] = [];
  const addShard = async (sim: Simulation, hashing: Hashing) => {
    await play(sim, [action('add-shard')]);
    const moved = reshardFigures(factsIn(sim));
    if (moved) resharding.push({ hashing, ...moved });
  };
  for (const key of SHARD_KEYS) {
    const sim = await playRun(lab, databases, RUNS.key(key));
    const facts = factsIn(sim);
    const [single, scatter] = latencyFigures(facts);
    if (single && scatter) keys.push({ key, ...loadFigures(facts), single, scatter });
    // The customer key with modulo hashing is the lab's default: its resharding is the first row.
    if (key === 'customer') await addShard(sim, 'modulo');
  }
  await addShard(await playRun(lab, databases, RUNS.ring()), 'ring');
  const shardDown: DownRow[] = [];
  {
    const [single, scatter] = latencyFigures(factsIn(await playRun(lab, databases, RUNS.down('customer'))));
    if (single && scatter) shardDown.push({ key: 'customer', single, scatter });
  }
  const conflicts: ConflictRow[] = [];
  for (const mode of ['lww', 'merge'] as const)
    conflicts.push({ mode, ...conflictFigures(factsIn(await playRun(lab, databases, RUNS.conflict(mode)))) });
  return { seed: STANDARD_SEED, workload: describeWorkload(), keys, resharding, shardDown, conflicts };
}
