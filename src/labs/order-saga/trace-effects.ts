/**
 * Reads back from the facts in the trace, per order, which steps ran and which were undone, in the order
 * they committed. The tests use it to prove compensations ran newest first; the lab shows it as a measure.
 */
import { factsOf, type MeasureSpec, type RecordedFact } from '../kit/define-lab.ts';
import type { TraceEntry } from '../sim/types.ts';
import type { EffectFact, OrderSaga } from './messages.ts';
import { STEPS } from './saga-plan.ts';

/** The name a step goes by in the measure: creating the order is placing it, in either mode. */
const shown = (operation: string) => (operation === 'create-order' ? 'place-order' : operation);

/** Each compensation and the forward step it undoes, from the saga's steps. */
export const UNDOES: Readonly<Record<string, string>> = Object.fromEntries(
  STEPS.flatMap((step) => (step.undo ? [[step.undo, shown(step.name)]] : [])),
);

/** The forward steps that leave something to undo or to show: every step but completing the order. */
const FORWARD = new Set(STEPS.filter((step) => step.name !== 'complete-order').map((step) => shown(step.name)));

export interface OrderEffects {
  /** Forward steps that succeeded, in commit order. `create-order` is reported as `place-order`. */
  readonly did: string[];
  /** Compensations that ran, in commit order. */
  readonly undid: string[];
}

export function effectsByOrder(
  trace: readonly TraceEntry[],
  facts: readonly RecordedFact<EffectFact>[] = factsOf<EffectFact>(trace),
): Map<string, OrderEffects> {
  const byOrder = new Map<string, OrderEffects>();
  for (const { fact } of facts) {
    if (fact.outcome !== 'done') continue;
    const operation = shown(fact.operation);
    const effects = byOrder.get(fact.order) ?? { did: [], undid: [] };
    if (FORWARD.has(operation)) effects.did.push(operation);
    else if (operation in UNDOES) effects.undid.push(operation);
    byOrder.set(fact.order, effects);
  }
  return byOrder;
}

/**
 * The compensations an order should have seen, given the steps it completed: the undo of each completed
 * step, newest first. Shipping has no undo; an order that shipped is never compensated.
 */
export function expectedUndo(did: readonly string[]): string[] {
  const undo = Object.fromEntries(Object.entries(UNDOES).map(([u, d]) => [d, u]));
  return [...did].reverse().flatMap((step) => (undo[step] ? [undo[step]] : []));
}

export const measures: readonly MeasureSpec<OrderSaga>[] = [
  {
    id: 'compensations',
    label: 'Compensations, in the order they committed',
    measure(facts, trace) {
      const rows = [...effectsByOrder(trace, facts)]
        .filter(([, e]) => e.undid.length > 0)
        .map(([order, e]) => ({ order, steps_done: e.did.join(' → '), undone: e.undid.join(' → ') }));
      return {
        summary:
          rows.length === 0 ? 'No saga has been compensated yet.' : `${rows.length} saga${rows.length === 1 ? '' : 's'} compensated.`,
        rows,
      };
    },
  },
];
