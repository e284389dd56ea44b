/**
 * The runs behind the chapter's table: one workload (the same rounds, drawn from one seed), played once per
 * booking method, each from the first state.
 */
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { methodFigures, type MethodFigures } from './figures.ts';
import { methodAction } from './lab.ts';
import { METHODS, type IsolationFact, type MethodId } from './messages.ts';
import { CAPACITY, WORKLOAD_REQUESTS } from './settings.ts';

export const STANDARD_SEED = 7;

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly (MethodFigures & { readonly rounds: string })[];
}

export async function standardRun(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, method: MethodId) {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await sim.apply({ kind: 'action', actionId: methodAction(method) });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await sim.runUntilQuiet(5_000);
  return sim;
}

export async function measureComparison(lab: LabDefinition, reset: () => Promise<void>, databases: ReadonlyMap<ServiceName, Database>) {
  const rows = [];
  for (const method of METHODS) {
    await reset();
    const facts = factsOf<IsolationFact>((await standardRun(lab, databases, method)).trace);
    const [figures] = methodFigures(facts);
    const workload = facts.find((f) => f.fact.kind === 'workload')?.fact;
    if (figures) rows.push({ ...figures, rounds: workload?.kind === 'workload' ? workload.rounds : '' });
  }
  return {
    seed: STANDARD_SEED,
    workload: `${WORKLOAD_REQUESTS} requests for ${CAPACITY} seats; rounds “${rows[0]?.rounds ?? ''}” (a+b: b starts while a is open)`,
    rows,
  } satisfies Comparison;
}
