/**
 * The reference: the state of the shop as a left fold over the log, up to an offset, computed in
 * TypeScript with nothing but the upcaster. Each view's expected contents are read off this state, and the
 * invariants compare every view with it at the view's own checkpoint.
 */
import { upcast } from './events.ts';
import type { StoredEvent } from './messages.ts';

export interface Customer {
  readonly name: string | null;
  readonly email: string | null;
  readonly orders: number;
  readonly totalCents: number;
  readonly lastOrder: string | null;
  readonly forgotten: boolean;
}

export interface Order {
  readonly customer: string;
  readonly description: string;
}

export interface Shop {
  readonly customers: ReadonlyMap<string, Customer>;
  readonly orders: ReadonlyMap<string, Order>;
  /** Offsets the upcaster refused: every view parks them. */
  readonly parked: readonly number[];
}

const fresh: Customer = { name: null, email: null, orders: 0, totalCents: 0, lastOrder: null, forgotten: false };

/** Folds `events` (in offset order) up to and including offset `upTo`. */
export function foldLog(events: readonly StoredEvent[], upTo: number): Shop {
  const customers = new Map<string, Customer>();
  const orders = new Map<string, Order>();
  const parked: number[] = [];
  for (const stored of events) {
    if (stored.position > upTo) break;
    const read = upcast(stored);
    if (!read.ok) {
      parked.push(stored.position);
      continue;
    }
    const e = read.event;
    const before = customers.get(e.customer) ?? fresh;
    switch (e.type) {
      case 'customer-registered':
        customers.set(e.customer, { ...before, name: e.name, email: e.email, forgotten: false });
        break;
      case 'email-changed':
        // Only a registered customer who has not been forgotten has an email to change.
        if (before.name !== null) customers.set(e.customer, { ...before, email: e.email });
        break;
      case 'order-placed':
        customers.set(e.customer, { ...before, orders: before.orders + 1, totalCents: before.totalCents + e.cents, lastOrder: e.order });
        orders.set(e.order, { customer: e.customer, description: e.description });
        break;
      case 'customer-forgotten':
        if (customers.has(e.customer)) customers.set(e.customer, { ...before, name: null, email: null, forgotten: true });
        break;
    }
  }
  return { customers, orders, parked };
}
