/** Exercises are checked against the lab's real databases, never against what the UI shows. */
import type { Database, QueryResult } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { ServiceName } from '../sim/types.ts';

/** A run the reader never saw, as a check may inspect it. */
export interface HiddenRunView {
  readonly databases: ReadonlyMap<ServiceName, Database>;
  readonly crashed: ReadonlySet<ServiceName>;
}

export interface ExerciseContext {
  readonly databases: ReadonlyMap<ServiceName, Database>;
  readonly crashed: ReadonlySet<ServiceName>;
  /** Runs SQL as the reader's console does (watched, recorded). */
  run(service: ServiceName, sql: string): Promise<QueryResult>;
  /** What the reader typed, for exercises that take an answer. */
  readonly answer?: string;
  /**
   * Replays the lab from its first state with a seed and inputs the reader did not see, and lets the check
   * inspect that run's databases, then puts the reader's databases back as they were (see
   * sim/hidden-run.ts). A check changes the reader's databases through `run` only. Absent where the host
   * cannot do it; checks that need it say so.
   */
  readonly replay?: <T>(seed: number, inputs: readonly RecordedInput[], inspect: (run: HiddenRunView) => Promise<T>) => Promise<T>;
}

export interface CheckResult {
  readonly passed: boolean;
  /** Says what was found, in the reader's terms, and what is still missing. */
  readonly message: string;
}

export interface ExerciseDefinition {
  readonly id: string;
  readonly title: string;
  /** Present when the reader types an answer: what kind, and which service it runs on. */
  readonly answer?: { readonly kind: 'sql'; readonly service: ServiceName; readonly placeholder: string };
  check(ctx: ExerciseContext): Promise<CheckResult>;
}
