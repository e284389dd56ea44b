/**
 * Exercise checks in Node, wired as the lab session wires them in the browser: the reader's console SQL goes
 * through the simulation (watched and recorded), and hidden runs replay the lab from its first state. Hidden
 * runs use a second set of databases, which in Node is cheaper than snapshotting and restoring the first.
 */
import type { CheckResult, ExerciseContext, ExerciseDefinition, HiddenRunView } from './check/types.ts';
import type { Database } from './engine/types.ts';
import { openNodeLab, type NodeLab } from './node-lab.ts';
import { replayFromFirstState } from './sim/hidden-run.ts';
import type { RecordedInput, Simulation } from './sim/simulation.ts';
import type { LabDefinition } from './sim/types.ts';

/** Plain functions, not methods: a test may pass them around (`afterAll(exercises.close)`). */
export interface NodeExercises {
  /** The context a check receives for the reader's run `sim`. */
  readonly context: (sim: Simulation, answer?: string) => ExerciseContext;
  readonly exercise: (id: string) => ExerciseDefinition;
  /** Checks exercise `id` against the reader's run `sim`, with the answer the reader typed, if any. */
  readonly check: (id: string, sim: Simulation, answer?: string) => Promise<CheckResult>;
  /** Closes the hidden runs' databases, if any were opened. */
  readonly close: () => Promise<void>;
}

/** `databases` is read when a check runs, so a test may open them in its own `beforeAll`. */
export function nodeExercises(lab: LabDefinition, databases: () => ReadonlyMap<string, Database>): NodeExercises {
  let hidden: NodeLab | undefined;

  async function hiddenRun<T>(seed: number, inputs: readonly RecordedInput[], inspect: (run: HiddenRunView) => Promise<T>): Promise<T> {
    hidden ??= await openNodeLab(lab);
    const sim = await replayFromFirstState(lab, hidden.databases, seed, inputs);
    return inspect({ databases: hidden.databases, crashed: sim.crashed });
  }

  const context = (sim: Simulation, answer?: string): ExerciseContext => ({
    databases: databases(),
    crashed: sim.crashed,
    run: async (service, sql) => {
      const result = await sim.apply({ kind: 'sql', service, sql });
      if (!result) throw new Error('a SQL input always has a result');
      return result;
    },
    ...(answer !== undefined ? { answer } : {}),
    replay: hiddenRun,
  });

  const exercise = (id: string): ExerciseDefinition => {
    const found = lab.exercises.find((e) => e.id === id);
    if (!found) throw new Error(`lab ${lab.id} has no exercise ${id}`);
    return found;
  };

  return {
    context,
    exercise,
    check: (id, sim, answer) => exercise(id).check(context(sim, answer)),
    close: async () => {
      await hidden?.close();
    },
  };
}
