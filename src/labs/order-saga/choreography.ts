/**
 * Choreographed mode as data: which event makes which service do what, and what it announces after.
 * Nobody holds the whole saga; the order of the compensations is nothing but this wiring. In the correct
 * wiring each compensation is set off by the one after it (refund, then release, then cancel); the
 * `oldest-first` wiring is broken on purpose and starts with cancelling the order. What each step
 * announces comes from the steps themselves (saga-plan.ts).
 */
import type { EventName, FollowedEvent, OperationName, Operations, Participant, SagaVariant, StepName } from './messages.ts';
import { STEPS, stepNamed } from './saga-plan.ts';

export interface Reaction {
  /** The operation the service runs. */
  readonly operation: OperationName;
  /** What it announces when the operation succeeds, or fails. */
  readonly done?: EventName;
  readonly failed?: EventName;
}

/** Per participant, the events it reacts to; an event it does not follow is a compile error. */
export type Reactions = {
  readonly [P in Participant]: Readonly<Partial<Record<FollowedEvent<P>, Reaction & { readonly operation: Operations[P] }>>>;
};

/** The participant runs the step, and announces that it is done or that it failed. */
function runs<S extends StepName>(step: S): { readonly operation: S } & Reaction {
  const { done, failed } = stepNamed(step).announces;
  return { operation: step, ...(done ? { done } : {}), ...(failed ? { failed } : {}) };
}

/** The participant undoes the step, and announces that it is undone. */
function undoes<O extends OperationName>(step: StepName, operation: O): { readonly operation: O } & Reaction {
  const { undone } = stepNamed(step).announces;
  return { operation, ...(undone ? { done: undone } : {}) };
}

const reserve = runs('reserve-stock');
const charge = runs('charge-payment');
const ship = runs('ship-order');
const cancel = undoes('create-order', 'cancel-order');
const release = undoes('reserve-stock', 'release-stock');
const refund = undoes('charge-payment', 'refund-payment');

const newestFirst: Reactions = {
  orders: {
    'stock-reserved': { operation: 'mark-reserved' },
    'payment-charged': { operation: 'mark-paid' },
    'order-shipped': { operation: 'complete-order' },
    'stock-rejected': cancel,
    'payment-declined': { operation: 'mark-compensating' },
    'shipping-refused': { operation: 'mark-compensating' },
    'stock-released': cancel,
  },
  inventory: {
    'order-placed': reserve,
    'payment-declined': release,
    'payment-refunded': release,
  },
  payments: {
    'stock-reserved': charge,
    'shipping-refused': refund,
  },
  shipping: { 'payment-charged': ship },
};

const oldestFirst: Reactions = {
  orders: {
    'stock-reserved': { operation: 'mark-reserved' },
    'payment-charged': { operation: 'mark-paid' },
    'order-shipped': { operation: 'complete-order' },
    'stock-rejected': cancel,
    'payment-declined': cancel,
    'shipping-refused': cancel,
  },
  inventory: { 'order-placed': reserve, 'order-cancelled': release },
  payments: { 'stock-reserved': charge, 'stock-released': refund },
  shipping: { 'payment-charged': ship },
};

export function reactions(undoOrder: SagaVariant['undoOrder']): Reactions {
  return undoOrder === 'newest-first' ? newestFirst : oldestFirst;
}

/** What `service` does when handed `event`, if anything. */
export function reactionTo(service: Participant, event: EventName, undoOrder: SagaVariant['undoOrder']): Reaction | undefined {
  const wired: Readonly<Partial<Record<EventName, Reaction>>> = reactions(undoOrder)[service];
  return wired[event];
}

/** The participants whose events `service` reacts to, so it knows which topics to follow. */
export function followedBy(service: Participant, undoOrder: SagaVariant['undoOrder']): Participant[] {
  const events: readonly string[] = Object.keys(reactions(undoOrder)[service]);
  const sources = STEPS.filter((step) => Object.values(step.announces).some((event) => events.includes(event))).map((s) => s.service);
  return [...new Set(sources)].sort();
}
