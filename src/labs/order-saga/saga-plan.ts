/**
 * The orchestrated saga as data, and the one decision the orchestrator makes over and over: given what its
 * log says about a saga, what comes next. Pure, so the same log always gives the same answer, before a
 * crash and after it.
 */
import type { Commands, EventName, Participant, SagaVariant, StepName } from './messages.ts';

/** One step of the saga: who runs it, what undoes it, and what it is called on each side of the broker. */
export type StepDefinition = {
  readonly [P in Participant]: {
    /** The command that does the step; also the step's name in the log. */
    readonly name: Extract<Commands[P], StepName>;
    readonly service: P;
    /** The command that undoes it. The pivot (shipping) and the steps after it have none. */
    readonly undo?: Exclude<Commands[P], StepName>;
    /** Whether the orchestrator gives up on the step after a deadline. It waits for the pivot and after it. */
    readonly deadline: boolean;
    /** What the participant announces in choreographed mode once the step is done, has failed, or was undone. */
    readonly announces: { readonly done?: EventName; readonly failed?: EventName; readonly undone?: EventName };
  };
}[Participant];

/** The saga's steps, in order: the one place that names them, for both modes and for the measure. */
export const STEPS: readonly StepDefinition[] = [
  {
    name: 'create-order',
    service: 'orders',
    undo: 'cancel-order',
    deadline: true,
    announces: { done: 'order-placed', undone: 'order-cancelled' },
  },
  {
    name: 'reserve-stock',
    service: 'inventory',
    undo: 'release-stock',
    deadline: true,
    announces: { done: 'stock-reserved', failed: 'stock-rejected', undone: 'stock-released' },
  },
  {
    name: 'charge-payment',
    service: 'payments',
    undo: 'refund-payment',
    deadline: true,
    announces: { done: 'payment-charged', failed: 'payment-declined', undone: 'payment-refunded' },
  },
  // The pivot: once the parcel is on its way the saga can only go forward.
  { name: 'ship-order', service: 'shipping', deadline: false, announces: { done: 'order-shipped', failed: 'shipping-refused' } },
  { name: 'complete-order', service: 'orders', deadline: false, announces: {} },
];

export function stepNamed(name: StepName): StepDefinition {
  const step = STEPS.find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name}`);
  return step;
}

export type LogEvent =
  'started' | 'requested' | 'done' | 'failed' | 'timed-out' | 'undo-requested' | 'undone' | 'completed' | 'compensated';

export interface LogEntry {
  readonly step: string | null;
  readonly event: LogEvent;
}

export type Move =
  | { readonly kind: 'request'; readonly step: StepDefinition }
  | { readonly kind: 'undo'; readonly step: StepDefinition }
  | { readonly kind: 'finish'; readonly event: 'completed' | 'compensated' }
  | { readonly kind: 'wait' };

export function ended(entries: readonly LogEntry[]): boolean {
  return entries.some((e) => e.event === 'completed' || e.event === 'compensated');
}

/** Whether the log already holds an answer (or a deadline) for a step the orchestrator asked for. */
export function settled(entries: readonly LogEntry[], step: string): boolean {
  return entries.some((e) => e.step === step && (e.event === 'done' || e.event === 'failed' || e.event === 'timed-out'));
}

export function nextMove(entries: readonly LogEntry[], undoOrder: SagaVariant['undoOrder']): Move {
  if (ended(entries)) return { kind: 'wait' };
  const has = (step: string, event: LogEvent) => entries.some((e) => e.step === step && e.event === event);
  const failedAt = STEPS.findIndex((s) => has(s.name, 'failed') || has(s.name, 'timed-out'));
  if (failedAt < 0) {
    for (const step of STEPS) {
      if (has(step.name, 'done')) continue;
      return has(step.name, 'requested') ? { kind: 'wait' } : { kind: 'request', step };
    }
    return { kind: 'finish', event: 'completed' };
  }
  // A step that timed out may have happened after all, so it is undone too; a step that failed did nothing.
  const failed = STEPS[failedAt];
  const last = failed && has(failed.name, 'timed-out') ? failedAt + 1 : failedAt;
  const toUndo = STEPS.slice(0, last).filter((s) => s.undo && (has(s.name, 'done') || has(s.name, 'timed-out')));
  if (undoOrder === 'newest-first') toUndo.reverse();
  for (const step of toUndo) {
    if (has(step.name, 'undone')) continue;
    // One compensation at a time: the next waits until the previous one is confirmed.
    return has(step.name, 'undo-requested') ? { kind: 'wait' } : { kind: 'undo', step };
  }
  return { kind: 'finish', event: 'compensated' };
}
