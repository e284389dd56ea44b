/**
 * The lab's standard run, the one behind the chapter's comparison table: for each routing policy, the same
 * seed, the same workload, and follower 2 cut off from the leader in the middle of it. Each run is reader
 * inputs only, so the live lab (and a hidden replay) reproduce it exactly.
 */
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { policyAction } from './lab.ts';
import { byPolicy, type PolicyFigures } from './measures.ts';
import { POLICIES, type LabFact, type Policy } from './messages.ts';
import { WORKLOAD_SIZE } from './settings.ts';

export const STANDARD_SEED = 7;
export const PARTITION = { from: 2_500, to: 5_000 } as const;

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly PolicyFigures[];
}

/** Steps the simulation until virtual time reaches `at` (or nothing is left to do). */
async function until(sim: Simulation, at: number) {
  while (sim.now < at && (await sim.step()));
}

export async function standardRun(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, policy: Policy): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await sim.apply({ kind: 'action', actionId: policyAction(policy) });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await until(sim, PARTITION.from);
  await sim.apply({ kind: 'fault', faultId: 'partition-follower-2', on: true });
  await until(sim, PARTITION.to);
  await sim.apply({ kind: 'fault', faultId: 'partition-follower-2', on: false });
  await sim.runUntilQuiet();
  return sim;
}

export function describeWorkload(): string {
  return `${WORKLOAD_SIZE} scenarios (Run the workload), follower 2 cut off from the leader from ${PARTITION.from.toLocaleString('en')} ms to ${PARTITION.to.toLocaleString('en')} ms, one run per routing policy`;
}

/** Runs the standard run once per policy, each from the lab's first state, and keeps one row per policy. */
export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const rows: PolicyFigures[] = [];
  for (const policy of POLICIES) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    const sim = await standardRun(lab, databases, policy);
    const row = byPolicy(factsOf<LabFact>(sim.trace)).find((r) => r.policy === policy);
    if (row) rows.push(row);
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), rows };
}
