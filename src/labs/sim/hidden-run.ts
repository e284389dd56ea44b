/**
 * Runs scenarios the reader has not seen on the lab's own databases and puts the reader's state back
 * afterwards. An exercise checked this way cannot be passed by an answer fitted to the reader's own run:
 * the check replays the lab from its first state with another seed, and asks the same question there.
 *
 * Each run starts from the first state, put back with SQL (milliseconds), and ends by restoring the reader's
 * databases from snapshots (seconds for Postgres, which starts a new instance). The reader's state is saved
 * once and reused by a check's later runs, until the check changes it through `changed`.
 */
import { resetDatabase } from '../engine/reset-database.ts';
import type { Database, Snapshot } from '../engine/types.ts';
import { databaseServices } from './database-services.ts';
import { replay, type RecordedInput, type Simulation } from './simulation.ts';
import type { LabDefinition, ServiceName } from './types.ts';

/**
 * Puts every database back to its first state with SQL, replays `inputs` with `seed` and runs until quiet:
 * a hidden run without the saving and giving back, for databases the reader does not look at.
 */
export async function replayFromFirstState(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  seed: number,
  inputs: readonly RecordedInput[],
  maxSteps = 10_000,
): Promise<Simulation> {
  for (const service of databaseServices(lab)) {
    const db = databases.get(service.name);
    if (db) await resetDatabase(db, service.spec);
  }
  const lastStep = inputs.reduce((max, i) => Math.max(max, i.step), 0);
  const sim = await replay({ lab, seed, databases }, inputs, lastStep);
  await sim.runUntilQuiet(maxSteps);
  return sim;
}

export interface HiddenRuns {
  /**
   * Replays `inputs` with `seed` from the lab's first state, until quiet, lets `inspect` look at it, then gives
   * the reader's databases back as they were.
   */
  run<T>(seed: number, inputs: readonly RecordedInput[], inspect: (run: Simulation) => Promise<T>): Promise<T>;
  /** Says that the reader's databases changed since the last run, so the next one saves them again. */
  changed(): void;
}

export function hiddenRuns(options: {
  readonly lab: LabDefinition;
  readonly databases: ReadonlyMap<ServiceName, Database>;
  /** How many steps a scenario may run after its last input before it must be quiet. */
  readonly maxSteps?: number;
}): HiddenRuns {
  const { lab, databases } = options;
  let saved: Map<ServiceName, Snapshot> | undefined;

  async function giveBack(snapshots: ReadonlyMap<ServiceName, Snapshot>) {
    await Promise.all(
      [...databases].map(async ([name, db]) => {
        const snapshot = snapshots.get(name);
        if (!snapshot) throw new Error(`no snapshot for ${name}`);
        await db.restore(snapshot);
      }),
    );
  }

  return {
    async run(seed, inputs, inspect) {
      const snapshots = (saved ??= new Map(
        await Promise.all([...databases].map(async ([name, db]) => [name, await db.snapshot()] as const)),
      ));
      try {
        return await inspect(await replayFromFirstState(lab, databases, seed, inputs, options.maxSteps));
      } finally {
        await giveBack(snapshots);
      }
    },
    changed() {
      saved = undefined;
    },
  };
}
