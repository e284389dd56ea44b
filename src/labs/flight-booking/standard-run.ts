/**
 * The runs behind the chapter's table: one rush (the same passengers, drawn from one seed), played once per
 * model, with and without the planners' re-plan in the middle of it, each from the first state.
 */
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { figuresOf, type ModelFigures } from './figures.ts';
import { modelAction } from './lab.ts';
import { MODELS, type FlightFact, type Model } from './messages.ts';
import { SEATS } from './settings.ts';

export const STANDARD_SEED = 5;

export interface ComparisonRow extends ModelFigures {
  readonly replan: boolean;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly ComparisonRow[];
}

export async function standardRun(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, model: Model, replan: boolean) {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  if (replan) await sim.apply({ kind: 'fault', faultId: 'replan-mid-rush', on: true });
  await sim.apply({ kind: 'action', actionId: modelAction(model) });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await sim.runUntilQuiet(5_000);
  return sim;
}

export async function measureComparison(lab: LabDefinition, reset: () => Promise<void>, databases: ReadonlyMap<ServiceName, Database>) {
  const rows: ComparisonRow[] = [];
  let plan = '';
  for (const replan of [false, true])
    for (const model of MODELS) {
      await reset();
      const facts = factsOf<FlightFact>((await standardRun(lab, databases, model, replan)).trace);
      const workload = facts.find((f) => f.fact.kind === 'workload')?.fact;
      if (workload?.kind === 'workload') plan = workload.plan;
      rows.push({ ...figuresOf(model, facts, SEATS), replan });
    }
  return {
    seed: STANDARD_SEED,
    workload: `${plan}; the same rush for both models, then with the re-plan fault`,
    rows,
  } satisfies Comparison;
}
