/**
 * Each service records, right after a commit succeeds, what it just made true: a ticket's new status on the
 * ticket side, a customer's new count on the customer side. The timeline shows a sentence; the measures
 * rebuild both sides over virtual time from the facts alone, so every figure comes from the run itself.
 */
import { factsOf, type LabContext, type RecordedFact, type ServiceOf } from '../kit/define-lab.ts';
import type { TraceEntry } from '../sim/types.ts';
import type { EventualConsistency, LabFact, TicketStatus } from './messages.ts';

/** What recording needs of any service's context. */
export type Recorder = Pick<LabContext<EventualConsistency, ServiceOf<EventualConsistency>, unknown>, 'note' | 'fact'>;

export type Fact = RecordedFact<LabFact>;

export function recordTicket(ctx: Recorder, ticket: string, customer: string, status: TicketStatus) {
  ctx.note(`ticket ${ticket} of ${customer} is ${status}`);
  ctx.fact({ kind: 'ticket', ticket, customer, status });
}

export function recordCount(ctx: Recorder, customer: string, count: number, why: string) {
  ctx.note(`count of ${customer} is ${count} (${why})`);
  ctx.fact({ kind: 'count', customer, count, why });
}

/** The facts of a trace, in the order they were recorded. */
export const labFacts = (trace: readonly TraceEntry[]): Fact[] => factsOf<LabFact>(trace);
