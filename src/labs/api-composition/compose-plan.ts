/**
 * How the composer builds each page, as a pure decision: given what it has gathered so far, which calls
 * to make next, or the page. Where the sort and the filter live decides how much it must fetch:
 *
 * - order page: the order and its payment at once, then the customer the order names;
 * - newest orders: one page from Orders (it owns the sort), then the names and payments of those ten;
 * - newest paid orders: every paid payment (Payments owns the filter), then one page of those from Orders;
 * - paid orders by customer name: the sort lives in Customers and the filter in Payments, so no service
 *   can produce page 3 alone: every order, every customer and every paid payment, joined in memory.
 *
 * `paginate-each` is the deliberately broken plan for the last page: it asks Payments for its own page 3
 * and sorts what comes back, a page of ten that looks right and is not page 3.
 */
import type {
  CustomerRow,
  CustomersQuery,
  OrderRow,
  OrdersQuery,
  PageKind,
  PageRow,
  PaymentRow,
  PaymentsQuery,
  Source,
} from './messages.ts';
import { ORDER_ID, PAGE, PAGE_SIZE } from './settings.ts';

export type Plan = 'fetch-all' | 'paginate-each';

/** A part is absent until asked for, then its rows, or `failed` once its call failed and the page goes on without it. */
export interface Gathered {
  orders?: readonly OrderRow[] | 'failed';
  customers?: readonly CustomerRow[] | 'failed';
  payments?: readonly PaymentRow[] | 'failed';
}

/** A query without its envelope; the composer adds the message type and the call's id. */
type Body<Q> = Q extends unknown ? Omit<Q, 'type' | 'callId'> : never;
export type CallSpec =
  | { readonly service: 'orders'; readonly query: Body<OrdersQuery> }
  | { readonly service: 'customers'; readonly query: Body<CustomersQuery> }
  | { readonly service: 'payments'; readonly query: Body<PaymentsQuery> };

export type Next =
  | { readonly kind: 'call'; readonly calls: readonly CallSpec[] }
  | { readonly kind: 'page'; readonly rows: readonly PageRow[]; readonly missing: readonly Source[] }
  | { readonly kind: 'error'; readonly reason: string };

const OFFSET = (PAGE - 1) * PAGE_SIZE;

const ok = <R>(part: readonly R[] | 'failed' | undefined): part is readonly R[] => Array.isArray(part);
const missingOf = (g: Gathered): Source[] => (['orders', 'customers', 'payments'] as const).filter((s) => g[s] === 'failed');

/** Code-unit order, as SQLite's and the C collation's: the same order in every engine and in memory. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const byNameThenId = (a: PageRow, b: PageRow) => byText(a.customerName ?? '', b.customerName ?? '') || byText(a.orderId, b.orderId);
export const newestFirst = (a: PageRow, b: PageRow) => b.placedAt - a.placedAt || byText(b.orderId, a.orderId);

/** The join in memory: each order with its customer's name and its payment's status, null where that part is missing. */
export function joinRows(orders: readonly OrderRow[], g: Gathered): PageRow[] {
  const names = ok(g.customers) ? new Map(g.customers.map((c) => [c.customerId, c.name])) : undefined;
  const statuses = ok(g.payments) ? new Map(g.payments.map((p) => [p.orderId, p.status])) : undefined;
  return orders.map((o) => ({
    orderId: o.orderId,
    placedAt: o.placedAt,
    totalCents: o.totalCents,
    customerName: names?.get(o.customerId) ?? null,
    paymentStatus: statuses?.get(o.orderId) ?? null,
  }));
}

const page = (rows: readonly PageRow[], g: Gathered): Next => ({ kind: 'page', rows, missing: missingOf(g) });
const call = (...calls: CallSpec[]): Next => ({ kind: 'call', calls });
const cannot = (reason: string): Next => ({ kind: 'error', reason });
const customerIds = (orders: readonly OrderRow[]) => [...new Set(orders.map((o) => o.customerId))].sort(byText);

function orderPage(g: Gathered): Next {
  if (g.orders === undefined)
    return call(
      { service: 'orders', query: { op: 'get', orderIds: [ORDER_ID] } },
      { service: 'payments', query: { op: 'get', orderIds: [ORDER_ID] } },
    );
  if (!ok(g.orders)) return cannot('Orders did not answer: there is no order to show');
  const [order] = g.orders;
  if (!order) return cannot(`there is no order ${ORDER_ID}`);
  if (g.customers === undefined) return call({ service: 'customers', query: { op: 'get', customerIds: [order.customerId] } });
  return page(joinRows([order], g), g);
}

function newest(g: Gathered): Next {
  if (g.orders === undefined) return call({ service: 'orders', query: { op: 'newest', offset: OFFSET, limit: PAGE_SIZE } });
  if (!ok(g.orders)) return cannot('Orders did not answer: it holds the sort');
  if (g.customers === undefined && g.payments === undefined)
    return call(
      { service: 'customers', query: { op: 'get', customerIds: customerIds(g.orders) } },
      { service: 'payments', query: { op: 'get', orderIds: g.orders.map((o) => o.orderId) } },
    );
  return page(joinRows(g.orders, g), g);
}

function newestPaid(g: Gathered): Next {
  if (g.payments === undefined) return call({ service: 'payments', query: { op: 'with-status', status: 'paid' } });
  if (!ok(g.payments)) return cannot('Payments did not answer: it holds the filter');
  if (g.orders === undefined)
    return call({ service: 'orders', query: { op: 'newest', offset: OFFSET, limit: PAGE_SIZE, among: g.payments.map((p) => p.orderId) } });
  if (!ok(g.orders)) return cannot('Orders did not answer: it holds the sort');
  if (g.customers === undefined) return call({ service: 'customers', query: { op: 'get', customerIds: customerIds(g.orders) } });
  return page(joinRows(g.orders, g), g);
}

function paidByName(g: Gathered): Next {
  if (g.orders === undefined)
    return call(
      { service: 'orders', query: { op: 'all' } },
      { service: 'customers', query: { op: 'all' } },
      { service: 'payments', query: { op: 'with-status', status: 'paid' } },
    );
  if (!ok(g.orders)) return cannot('Orders did not answer: there are no orders to show');
  if (!ok(g.payments)) return cannot('Payments did not answer: it holds the filter');
  if (!ok(g.customers)) return cannot('Customers did not answer: it holds the names to sort by');
  const paid = new Set(g.payments.map((p) => p.orderId));
  const rows = joinRows(
    g.orders.filter((o) => paid.has(o.orderId)),
    g,
  ).sort(byNameThenId);
  return page(rows.slice(OFFSET, OFFSET + PAGE_SIZE), g);
}

/** The broken plan: page 3 of the paid payments (by order id), their orders and customers, then sorted by name. */
function paidByNamePaginatingEach(g: Gathered): Next {
  if (g.payments === undefined)
    return call({ service: 'payments', query: { op: 'with-status', status: 'paid', page: { offset: OFFSET, limit: PAGE_SIZE } } });
  if (!ok(g.payments)) return cannot('Payments did not answer: it holds the filter');
  if (g.orders === undefined) return call({ service: 'orders', query: { op: 'get', orderIds: g.payments.map((p) => p.orderId) } });
  if (!ok(g.orders)) return cannot('Orders did not answer: there are no orders to show');
  if (g.customers === undefined) return call({ service: 'customers', query: { op: 'get', customerIds: customerIds(g.orders) } });
  if (!ok(g.customers)) return cannot('Customers did not answer: it holds the names to sort by');
  return page(joinRows(g.orders, g).sort(byNameThenId), g);
}

export function nextStep(plan: Plan, kind: PageKind, g: Gathered): Next {
  switch (kind) {
    case 'order':
      return orderPage(g);
    case 'newest':
      return newest(g);
    case 'newest-paid':
      return newestPaid(g);
    case 'paid-by-name':
      return plan === 'paginate-each' ? paidByNamePaginatingEach(g) : paidByName(g);
  }
}
