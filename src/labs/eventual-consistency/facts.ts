/**
 * Each service notes in the trace, right after a commit succeeds, what it just made true: a ticket's new
 * status on the ticket side, a customer's new count on the customer side. The measures rebuild both sides
 * over virtual time from these notes alone, so every figure comes from the run itself.
 */
import type { ServiceContext, TraceEntry } from '../sim/types.ts';

export type TicketStatus = 'open' | 'closed' | 'refused';

const TICKET = /^ticket (\S+) of (\S+) is (open|closed|refused)$/;
const COUNT = /^count of (\S+) is (-?\d+)(?: \((.*)\))?$/;

export function noteTicket(ctx: ServiceContext<unknown>, ticketId: string, customerId: string, status: TicketStatus) {
  ctx.note(`ticket ${ticketId} of ${customerId} is ${status}`);
}

export function noteCount(ctx: ServiceContext<unknown>, customerId: string, count: number, why: string) {
  ctx.note(`count of ${customerId} is ${count} (${why})`);
}

export type Fact =
  | {
      readonly kind: 'ticket';
      readonly at: number;
      readonly service: string;
      readonly ticket: string;
      readonly customer: string;
      readonly status: TicketStatus;
    }
  | {
      readonly kind: 'count';
      readonly at: number;
      readonly service: string;
      readonly customer: string;
      readonly count: number;
      readonly why: string;
    };

export function factsOf(trace: readonly TraceEntry[]): Fact[] {
  const facts: Fact[] = [];
  for (const entry of trace) {
    if (entry.type !== 'note') continue;
    const ticket = TICKET.exec(entry.text);
    if (ticket?.[1] && ticket[2] && ticket[3]) {
      facts.push({
        kind: 'ticket',
        at: entry.at,
        service: entry.service,
        ticket: ticket[1],
        customer: ticket[2],
        status: ticket[3] as TicketStatus,
      });
      continue;
    }
    const count = COUNT.exec(entry.text);
    if (count?.[1] && count[2])
      facts.push({ kind: 'count', at: entry.at, service: entry.service, customer: count[1], count: Number(count[2]), why: count[3] ?? '' });
  }
  return facts;
}
