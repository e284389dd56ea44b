/**
 * What each shape holds for a given set of facts: the documents, the key-value entries, the search and
 * vector rows. The setup SQL renders them from the data set; the invariants rebuild them from the relational
 * store's rows and compare. One builder per shape, so "the same facts" means the same function.
 */
import type { DataSet, Ticket } from './dataset.ts';
import { embed } from './vocabulary.ts';

export interface TicketElement {
  readonly id: number;
  readonly product: { readonly id: number; readonly name: string };
  readonly agent: string;
  readonly category: string;
  readonly subject: string;
  readonly status: string;
}

export interface CustomerDocument {
  readonly id: number;
  readonly name: string;
  readonly tier: string;
  readonly account: number;
  readonly tickets: readonly TicketElement[];
}

function nameOf(list: readonly { id: number; name: string }[], id: number): string {
  return list.find((x) => x.id === id)?.name ?? '?';
}

function byCustomer(tickets: readonly Ticket[]): Map<number, Ticket[]> {
  const map = new Map<number, Ticket[]>();
  for (const t of [...tickets].sort((a, b) => a.id - b.id)) map.set(t.customerId, [...(map.get(t.customerId) ?? []), t]);
  return map;
}

export function ticketElement(data: Pick<DataSet, 'products' | 'agents'>, t: Ticket): TicketElement {
  return {
    id: t.id,
    product: { id: t.productId, name: nameOf(data.products, t.productId) },
    agent: nameOf(data.agents, t.agentId),
    category: t.category,
    subject: t.subject,
    status: t.status,
  };
}

/** One document per customer, tickets inside in id order, product and agent names copied in. */
export function documentsOf(data: DataSet): CustomerDocument[] {
  const tickets = byCustomer(data.tickets);
  return data.customers.map((c) => ({
    id: c.id,
    name: c.name,
    tier: c.tier,
    account: c.account,
    tickets: (tickets.get(c.id) ?? []).map((t) => ticketElement(data, t)),
  }));
}

export interface CustomerValue {
  readonly id: number;
  readonly name: string;
  readonly tier: string;
  readonly tickets: readonly number[];
  readonly links: readonly number[];
}

export interface TicketValue {
  readonly id: number;
  readonly customer: { readonly id: number; readonly name: string };
  readonly product: { readonly id: number; readonly name: string };
  readonly subject: string;
  readonly status: string;
}

export const customerKey = (id: number) => `customer:${id}`;
export const ticketKey = (id: number) => `ticket:${id}`;

export function ticketValue(data: Pick<DataSet, 'products' | 'customers'>, t: Ticket): TicketValue {
  return {
    id: t.id,
    customer: { id: t.customerId, name: nameOf(data.customers, t.customerId) },
    product: { id: t.productId, name: nameOf(data.products, t.productId) },
    subject: t.subject,
    status: t.status,
  };
}

/** The key-value entries, keyed as the store keys them. */
export function keyValuesOf(data: DataSet): Map<string, CustomerValue | TicketValue> {
  const tickets = byCustomer(data.tickets);
  const entries = new Map<string, CustomerValue | TicketValue>();
  for (const c of data.customers) {
    entries.set(customerKey(c.id), {
      id: c.id,
      name: c.name,
      tier: c.tier,
      tickets: (tickets.get(c.id) ?? []).map((t) => t.id),
      links: data.links.filter((l) => l.from === c.id).map((l) => l.to),
    });
  }
  for (const t of data.tickets) entries.set(ticketKey(t.id), ticketValue(data, t));
  return entries;
}

export const textOf = (t: Pick<Ticket, 'subject' | 'body'>) => `${t.subject} ${t.body}`;
export const vectorOf = (t: Pick<Ticket, 'subject' | 'body'>) => embed(textOf(t));

/** JSON with keys sorted at every level: two values holding the same facts print the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
