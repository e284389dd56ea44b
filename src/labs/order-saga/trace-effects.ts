/**
 * Reads back from the trace, per order, which steps ran and which were undone, in the order they
 * committed. The tests use it to prove compensations ran newest first; the lab shows it as a measure.
 */
import type { MeasureDefinition, TraceEntry } from '../sim/types.ts';

/** Each forward step and the compensation that undoes it, in the saga's order. */
export const UNDOES: Readonly<Record<string, string>> = {
  'cancel-order': 'place-order',
  'release-stock': 'reserve-stock',
  'refund-payment': 'charge-payment',
};

const FORWARD = new Set(['place-order', 'reserve-stock', 'charge-payment', 'ship-order']);
const NOTE = /^(\S+) (\S+): (done|failed)/;

export interface OrderEffects {
  /** Forward steps that succeeded, in commit order. `create-order` is reported as `place-order`. */
  readonly did: string[];
  /** Compensations that ran, in commit order. */
  readonly undid: string[];
}

export function effectsByOrder(trace: readonly TraceEntry[]): Map<string, OrderEffects> {
  const byOrder = new Map<string, OrderEffects>();
  for (const entry of trace) {
    if (entry.type !== 'note') continue;
    const match = NOTE.exec(entry.text);
    if (!match?.[1] || !match[2] || match[3] !== 'done') continue;
    const operation = match[1] === 'create-order' ? 'place-order' : match[1];
    const effects = byOrder.get(match[2]) ?? { did: [], undid: [] };
    if (FORWARD.has(operation)) effects.did.push(operation);
    else if (operation in UNDOES) effects.undid.push(operation);
    byOrder.set(match[2], effects);
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

export const measures: readonly MeasureDefinition[] = [
  {
    id: 'compensations',
    label: 'Compensations, in the order they committed',
    measure(trace) {
      const rows = [...effectsByOrder(trace)]
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
