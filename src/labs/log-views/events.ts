/**
 * The events in the log, and their shapes over time. The first release wrote an order as
 * `{"order", "amount": "12.50", "text"}` (euros as text); the current one writes `{"order", "cents": 1250,
 * "description"}`. The log is never rewritten, so every view, including one written years later, reads old
 * events through the upcaster here. An event the upcaster cannot read is refused with a reason, and the
 * view parks it in its dead letters rather than stop.
 */
import type { StoredEvent } from './messages.ts';

export type LogEvent =
  | { readonly type: 'customer-registered'; readonly customer: string; readonly name: string; readonly email: string }
  | { readonly type: 'email-changed'; readonly customer: string; readonly email: string }
  | {
      readonly type: 'order-placed';
      readonly customer: string;
      readonly order: string;
      readonly cents: number;
      readonly description: string;
    }
  /** The customer asked to be forgotten: every view drops what it holds about them. The log cannot. */
  | { readonly type: 'customer-forgotten'; readonly customer: string };

export type Upcast = { readonly ok: true; readonly event: LogEvent } | { readonly ok: false; readonly reason: string };

const text = (v: unknown): v is string => typeof v === 'string' && v !== '';

function order(customer: string, data: Record<string, unknown>, schema: number): Upcast {
  const cents = schema === 1 ? Math.round(Number(data['amount']) * 100) : data['cents'];
  const description = schema === 1 ? data['text'] : data['description'];
  if (!text(data['order'])) return { ok: false, reason: 'order-placed without an order id' };
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) return { ok: false, reason: 'order-placed without an amount' };
  if (!text(description)) return { ok: false, reason: 'order-placed without a description' };
  return { ok: true, event: { type: 'order-placed', customer, order: data['order'], cents, description } };
}

/** The upcaster: any event the log holds, old shape or new, in the shape today's views apply. */
export function upcast(stored: StoredEvent): Upcast {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(stored.data) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'data is not JSON' };
  }
  const customer = stored.key;
  switch (stored.type) {
    case 'customer-registered':
      return text(data['name']) && text(data['email'])
        ? { ok: true, event: { type: stored.type, customer, name: data['name'], email: data['email'] } }
        : { ok: false, reason: 'customer-registered without a name or email' };
    case 'email-changed':
      return text(data['email'])
        ? { ok: true, event: { type: stored.type, customer, email: data['email'] } }
        : { ok: false, reason: 'email-changed without an email' };
    case 'order-placed':
      return order(customer, data, stored.schema);
    case 'customer-forgotten':
      return { ok: true, event: { type: stored.type, customer } };
    default:
      return { ok: false, reason: `unknown event type ${stored.type}` };
  }
}

/** How a release writes an order: the old release (a fault) in the first shape; a buggy one leaves the amount out. */
export function encodeOrder(
  o: { readonly order: string; readonly cents: number; readonly description: string },
  release: 'current' | 'old' | 'buggy',
): { readonly data: string; readonly schema: number } {
  if (release === 'old')
    return { data: JSON.stringify({ order: o.order, amount: (o.cents / 100).toFixed(2), text: o.description }), schema: 1 };
  if (release === 'buggy') return { data: JSON.stringify({ order: o.order, description: o.description }), schema: 2 };
  return { data: JSON.stringify({ order: o.order, cents: o.cents, description: o.description }), schema: 2 };
}

/** The upcaster in Postgres, over a row of `log`: an order's amount in cents whatever its shape, null when missing. */
export const CENTS_PG = `CASE WHEN schema = 1 THEN round((data->>'amount')::numeric * 100)::int ELSE (data->>'cents')::int END`;
