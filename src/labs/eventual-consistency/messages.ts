/** What the help desk asks of every ticket service, what each pattern's services say, and the lab's types in one place. */
import type { BrokerInbox, BrokerLabTypes, Deliveries } from '../kit/broker-protocol.ts';
import type { CustomerId } from './settings.ts';

export type OpenTicket = { readonly type: 'open-ticket'; readonly ticketId: string; readonly customerId: string };
export type CloseTicket = { readonly type: 'close-ticket'; readonly ticketId: string };

/** The help desk's own messages: the reader's buttons, and the workload's timers. */
export type OpenFor = { readonly type: 'open-for'; readonly customerId: CustomerId };
export type CloseOldest = { readonly type: 'close-oldest' };
export type RunWorkload = { readonly type: 'run-workload'; readonly size: number };
export type WorkloadRequest = { readonly type: 'workload-request' };

/** Pattern 1's scheduler firing. */
export type SyncRun = { readonly type: 'sync-run' };

/** Pattern 2's call: "ticket T of customer C is (not) open, as of version v". Idempotent by version. */
export type SetTicketState = {
  readonly type: 'set-ticket-state';
  readonly ticketId: string;
  readonly customerId: string;
  readonly open: boolean;
  readonly version: number;
  readonly attempt: number;
};

export type TicketStateSet = { readonly type: 'ticket-state-set'; readonly ticketId: string; readonly version: number };

/** Pattern 2's ticket service waking up when a call got no answer in time. */
export type CallTimeout = { readonly type: 'call-timeout'; readonly ticketId: string; readonly version: number; readonly attempt: number };

/** Pattern 3's events on the `tickets` topic. */
export type TicketOpened = { readonly type: 'ticket-opened'; readonly ticketId: string; readonly customerId: string };
export type TicketClosed = { readonly type: 'ticket-closed'; readonly ticketId: string; readonly customerId: string };
export type TicketEvent = TicketOpened | TicketClosed;

export type FaultId =
  | 'customers-down'
  | 'sync-customers-down'
  | 'rq-customers-down'
  | 'ev-customers-down'
  | 'rq-slow-network'
  | 'ev-slow-network'
  | 'duplicate-delivery'
  | 'sync-interval-short'
  | 'sync-interval-long'
  | 'ev-tickets-crash-before-relay';

export type TicketStatus = 'open' | 'closed' | 'refused';

/**
 * What services record, right after a commit succeeds, for the measures: a ticket's new status on the
 * ticket side, a customer's new count on the customer side, and what did the recovering.
 */
export type LabFact =
  | { readonly kind: 'ticket'; readonly ticket: string; readonly customer: string; readonly status: TicketStatus }
  | { readonly kind: 'count'; readonly customer: string; readonly count: number; readonly why: string }
  /** A ticket service handed a request to open a ticket. */
  | { readonly kind: 'requested'; readonly ticket: string; readonly customer: string }
  /** Pattern 2's ticket service sending a call again that got no answer. */
  | { readonly kind: 'call-retried'; readonly ticket: string; readonly version: number; readonly attempt: number }
  /** A pattern 1 sync run that could not reach the customers schema. */
  | { readonly kind: 'sync-failed'; readonly run: number }
  /** Pattern 3's consumer turning away a second copy of an event by its key. */
  | { readonly kind: 'copy-skipped'; readonly ticket: string }
  /** Which schemas a role on pattern 1's shared server read and wrote in one local transaction. */
  | { readonly kind: 'access'; readonly actor: string; readonly reads: readonly string[]; readonly writes: readonly string[] };

export interface EventualConsistency extends BrokerLabTypes {
  readonly inbox: {
    readonly desk: OpenFor | CloseOldest | RunWorkload | WorkloadRequest;
    readonly 'sync-shared': OpenTicket | CloseTicket | SyncRun;
    readonly 'rq-tickets': OpenTicket | CloseTicket | TicketStateSet | CallTimeout;
    readonly 'rq-customers': SetTicketState;
    readonly 'ev-tickets': OpenTicket | CloseTicket;
    readonly 'ev-customers': Deliveries<TicketEvent>;
    readonly broker: BrokerInbox;
  };
  readonly faults: FaultId;
  readonly facts: LabFact;
  readonly topics: { readonly tickets: TicketEvent };
}
