/**
 * Runs scenarios the reader has not seen on the lab's own databases and puts the reader's state back
 * afterwards. An exercise checked this way cannot be passed by an answer fitted to the reader's own run:
 * the check replays the lab from its first state with another seed, and asks the same question there.
 *
 * A check may replay several hidden runs. The reader's state is saved once, before the first, and given back
 * once, after the last (`finish`): restoring a Postgres snapshot starts a new instance, which costs seconds
 * in a browser, whereas putting a database back to its first state with SQL between runs costs milliseconds.
 */
import { resetDatabase } from '../engine/reset-database.ts';
import type { Database, Snapshot } from '../engine/types.ts';
import { databaseServices } from './database-services.ts';
import { replay, type RecordedInput, type Simulation } from './simulation.ts';
import type { LabDefinition, ServiceName } from './types.ts';

export interface HiddenRuns {
  /** Replays `inputs` with `seed` from the lab's first state, until quiet, and lets `inspect` look at it. */
  run<T>(seed: number, inputs: readonly RecordedInput[], inspect: (run: Simulation) => Promise<T>): Promise<T>;
  /** Gives the reader's databases back as they were before the first run; does nothing if none ran. */
  finish(): Promise<void>;
}

export function hiddenRuns(options: {
  readonly lab: LabDefinition;
  readonly databases: ReadonlyMap<ServiceName, Database>;
  /** How many steps a scenario may run after its last input before it must be quiet. */
  readonly maxSteps?: number;
}): HiddenRuns {
  const { lab, databases } = options;
  let saved: Map<ServiceName, Snapshot> | undefined;

  return {
    async run(seed, inputs, inspect) {
      saved ??= new Map(await Promise.all([...databases].map(async ([name, db]) => [name, await db.snapshot()] as const)));
      for (const service of databaseServices(lab)) {
        const db = databases.get(service.name);
        if (db) await resetDatabase(db, service.spec);
      }
      const lastStep = inputs.reduce((max, i) => Math.max(max, i.step), 0);
      const sim = await replay({ lab, seed, databases }, inputs, lastStep);
      await sim.runUntilQuiet(options.maxSteps ?? 10_000);
      return inspect(sim);
    },
    async finish() {
      const snapshots = saved;
      if (!snapshots) return;
      saved = undefined;
      await Promise.all(
        [...databases].map(async ([name, db]) => {
          const snapshot = snapshots.get(name);
          if (!snapshot) throw new Error(`no snapshot for ${name}`);
          await db.restore(snapshot);
        }),
      );
    },
  };
}
