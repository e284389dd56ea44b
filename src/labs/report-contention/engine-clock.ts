/**
 * How a statement's real cost becomes time in the simulation. The kernel's clock is virtual; the engines
 * measure how long each statement really took (`durationMs`). The lab adds that measured time to the
 * virtual clock one to one, rounded up to a whole millisecond, so a report that kept PGlite busy for
 * 43.2 ms keeps the simulated connection busy for 44 ms.
 *
 * Measured time differs a little from run to run, so the tests also use a fixed clock (a set cost per kind
 * of statement) under which the whole trace is deterministic.
 */
import type { JobKind } from './messages.ts';

export interface EngineClock {
  /** Said in the UI, so the reader knows where the lab's milliseconds come from. */
  readonly description: string;
  toVirtualMs(kind: JobKind, measuredMs: number): number;
}

export const measuredClock: EngineClock = {
  description: 'each statement keeps its connection busy for the time the engine measured, 1 ms for 1 ms, rounded up',
  toVirtualMs: (_kind, measuredMs) => Math.max(1, Math.ceil(measuredMs)),
};

export function fixedClock(costs: Readonly<Record<JobKind, number>>): EngineClock {
  return {
    description: `fixed costs instead of measured ones (${Object.entries(costs)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')})`,
    toVirtualMs: (kind) => costs[kind],
  };
}

/** Two decimals are plenty for a figure shown in ms, and keep the trace readable. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
