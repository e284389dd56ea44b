/**
 * The lab's standard run, the one behind the chapter's comparison table: a fixed seed, the workload, and
 * the customer side of every pattern down in the middle of it. The run is recorded as reader inputs, so
 * the live lab (and a hidden replay) reproduce it exactly.
 */
import type { Database } from '../engine/types.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { comparison, type ComparisonRow } from './measures.ts';
import { WORKLOAD_SIZE } from './settings.ts';

export const STANDARD_SEED = 7;
export const OUTAGE = { from: 1_500, to: 3_500 } as const;

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly ComparisonRow[];
}

const restart = (service: ServiceName): ReaderInput => ({ kind: 'restart', service });

/** Steps the simulation until virtual time reaches `at` (or nothing is left to do). */
async function until(sim: Simulation, at: number) {
  while (sim.now < at && (await sim.step()));
}

export async function standardRun(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await until(sim, OUTAGE.from);
  await sim.apply({ kind: 'fault', faultId: 'customers-down', on: true });
  await until(sim, OUTAGE.to);
  await sim.apply({ kind: 'fault', faultId: 'customers-down', on: false });
  await sim.apply(restart('rq-customers'));
  await sim.apply(restart('ev-customers'));
  await sim.runUntilQuiet();
  return sim;
}

export function describeWorkload(): string {
  return `${WORKLOAD_SIZE} requests from the help desk (Run the workload), customer side of every pattern down from ${OUTAGE.from.toLocaleString('en')} ms to ${OUTAGE.to.toLocaleString('en')} ms, then restarted`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const sim = await standardRun(lab, databases);
  return { seed: STANDARD_SEED, workload: describeWorkload(), rows: comparison(sim.trace) };
}
