/**
 * Choreographed mode as data: which event makes which service do what, and what it announces after.
 * Nobody holds the whole saga; the order of the compensations is nothing but this wiring. In the correct
 * wiring each compensation is set off by the one after it (refund, then release, then cancel); the
 * `oldest-first` wiring is broken on purpose and starts with cancelling the order.
 */
import type { Participant, SagaVariant } from './messages.ts';

export interface Reaction {
  /** The operation the service runs. */
  readonly operation: string;
  /** What it announces when the operation succeeds, or fails. */
  readonly done?: string;
  readonly failed?: string;
}

export type Reactions = Readonly<Record<Participant, Readonly<Record<string, Reaction>>>>;

/** Which service announces which event, so a consumer knows which topic to follow. */
export const EVENT_SOURCE: Readonly<Record<string, Participant>> = {
  'order-placed': 'orders',
  'order-cancelled': 'orders',
  'stock-reserved': 'inventory',
  'stock-rejected': 'inventory',
  'stock-released': 'inventory',
  'payment-charged': 'payments',
  'payment-declined': 'payments',
  'payment-refunded': 'payments',
  'order-shipped': 'shipping',
  'shipping-refused': 'shipping',
};

const reserve: Reaction = { operation: 'reserve-stock', done: 'stock-reserved', failed: 'stock-rejected' };
const charge: Reaction = { operation: 'charge-payment', done: 'payment-charged', failed: 'payment-declined' };
const ship: Reaction = { operation: 'ship-order', done: 'order-shipped', failed: 'shipping-refused' };
const cancel: Reaction = { operation: 'cancel-order', done: 'order-cancelled' };
const release: Reaction = { operation: 'release-stock', done: 'stock-released' };
const refund: Reaction = { operation: 'refund-payment', done: 'payment-refunded' };

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

/** The event topics a service follows in choreographed mode. */
export function eventTopicsOf(service: Participant, undoOrder: SagaVariant['undoOrder']): Participant[] {
  const sources = Object.keys(reactions(undoOrder)[service]).map((type) => EVENT_SOURCE[type]);
  return [...new Set(sources.filter((s): s is Participant => s !== undefined))].sort();
}
