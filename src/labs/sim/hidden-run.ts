/**
 * Runs a scenario the reader has not seen on the lab's own databases and puts the reader's state back
 * afterwards. An exercise checked this way cannot be passed by an answer fitted to the reader's own run:
 * the check replays the lab from its first state with another seed, and asks the same question there.
 */
import type { Database, Snapshot } from '../engine/types.ts';
import { replay, type RecordedInput, type Simulation } from './simulation.ts';
import type { LabDefinition, ServiceName } from './types.ts';

export interface HiddenRunOptions {
  readonly lab: LabDefinition;
  readonly databases: ReadonlyMap<ServiceName, Database>;
  /** Each database as it was when the lab started. */
  readonly start: ReadonlyMap<ServiceName, Snapshot>;
  readonly seed: number;
  readonly inputs: readonly RecordedInput[];
  /** How many steps the scenario may run after its last input before it must be quiet. */
  readonly maxSteps?: number;
}

async function restoreAll(databases: ReadonlyMap<ServiceName, Database>, snapshots: ReadonlyMap<ServiceName, Snapshot>) {
  await Promise.all(
    [...databases].map(async ([name, db]) => {
      const snapshot = snapshots.get(name);
      if (!snapshot) throw new Error(`no snapshot for ${name}`);
      await db.restore(snapshot);
    }),
  );
}

export async function withHiddenRun<T>(options: HiddenRunOptions, inspect: (run: Simulation) => Promise<T>): Promise<T> {
  const saved = new Map(await Promise.all([...options.databases].map(async ([name, db]) => [name, await db.snapshot()] as const)));
  try {
    await restoreAll(options.databases, options.start);
    const lastStep = options.inputs.reduce((max, i) => Math.max(max, i.step), 0);
    const sim: Simulation = await replay({ lab: options.lab, seed: options.seed, databases: options.databases }, options.inputs, lastStep);
    await sim.runUntilQuiet(options.maxSteps ?? 10_000);
    return await inspect(sim);
  } finally {
    await restoreAll(options.databases, saved);
  }
}
