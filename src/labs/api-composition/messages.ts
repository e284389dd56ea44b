/** What the services of the API composition lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { PaymentStatus } from './seed-data.ts';

/** The three services that own the shop's data. */
export type Source = 'orders' | 'customers' | 'payments';
export const SOURCES: readonly Source[] = ['orders', 'customers', 'payments'];

export interface OrderRow {
  readonly orderId: string;
  readonly customerId: string;
  readonly placedAt: number;
  readonly totalCents: number;
}
export interface CustomerRow {
  readonly customerId: string;
  readonly name: string;
}
export interface PaymentRow {
  readonly orderId: string;
  readonly status: string;
}

/** One row of either page as the browser shows it. A part the composer could not fetch is null. */
export interface PageRow {
  readonly orderId: string;
  readonly placedAt: number;
  readonly totalCents: number;
  readonly customerName: string | null;
  readonly paymentStatus: string | null;
}

/** The list pages the lab offers: they differ in where the sort and the filter live. */
export type Shape = 'newest' | 'newest-paid' | 'paid-by-name';
export type PageKind = 'order' | Shape;
export type Way = 'composer' | 'read-model';
export type Outcome = 'complete' | 'partial' | 'error';

// What the composer asks an owning service. `callId` comes first so that the timeline shows it.
export type OrdersQuery =
  | { readonly type: 'query'; readonly callId: number; readonly op: 'get'; readonly orderIds: readonly string[] }
  | { readonly type: 'query'; readonly callId: number; readonly op: 'all' }
  /** Newest first, one page; `among` narrows to given orders. */
  | {
      readonly type: 'query';
      readonly callId: number;
      readonly op: 'newest';
      readonly offset: number;
      readonly limit: number;
      readonly among?: readonly string[];
    };
export type CustomersQuery =
  | { readonly type: 'query'; readonly callId: number; readonly op: 'get'; readonly customerIds: readonly string[] }
  | { readonly type: 'query'; readonly callId: number; readonly op: 'all' };
export type PaymentsQuery =
  | { readonly type: 'query'; readonly callId: number; readonly op: 'get'; readonly orderIds: readonly string[] }
  /** Payments in one status, by order id; the broken composer also asks for one page of them. */
  | {
      readonly type: 'query';
      readonly callId: number;
      readonly op: 'with-status';
      readonly status: PaymentStatus;
      readonly page?: { readonly offset: number; readonly limit: number };
    };
export type SourceQuery = OrdersQuery | CustomersQuery | PaymentsQuery;

/** A change event from an owning service's outbox: the whole row as of `version`. */
export interface ChangeEvent {
  readonly position: number;
  readonly key: string;
  readonly version: number;
  /** The row as JSON text, in the source's own column names. */
  readonly row: string;
}

// To an owning service, besides its queries.
export type FetchChanges = { readonly type: 'fetch-changes'; readonly after: number; readonly limit: number };
export type RenameCustomer = { readonly type: 'rename-customer' };
export type SettlePayment = { readonly type: 'settle-payment' };
/** An owning service answers the composer after its own cost in virtual time. */
export type Reply = { readonly type: 'reply'; readonly answer: Answer };

// To the composer.
export type Answer = { readonly type: 'answer'; readonly summary: string; readonly callId: number } & (
  | { readonly part: 'orders'; readonly rows: readonly OrderRow[] }
  | { readonly part: 'customers'; readonly rows: readonly CustomerRow[] }
  | { readonly part: 'payments'; readonly rows: readonly PaymentRow[] }
);
export type OpenPage = { readonly type: 'open-page'; readonly reqId: number; readonly page: PageKind };
export type CallTimeout = { readonly type: 'call-timeout'; readonly callId: number };
export type CoolDownOver = { readonly type: 'cool-down-over'; readonly service: Source; readonly openedAt: number };
export type Joined = { readonly type: 'joined'; readonly reqId: number };
export type ComposerInbox = Answer | OpenPage | CallTimeout | CoolDownOver | Joined;

// To the read model (projector and query side).
export type Changed = { readonly type: 'changed'; readonly source: Source };
export type FetchNow = { readonly type: 'fetch-now'; readonly source: Source; readonly attempt: number };
export type Changes = {
  readonly type: 'changes';
  /** The positions it holds, in words, first so that the timeline shows it. */
  readonly holds: string;
  readonly source: Source;
  readonly after: number;
  readonly events: readonly ChangeEvent[];
};
export type ReadModelInbox = OpenPage | Changed | FetchNow | Changes;

// To the browser.
export type Open = { readonly type: 'open'; readonly page: PageKind };
export type PageServed = {
  readonly type: 'page-served';
  readonly reqId: number;
  readonly way: Way;
  readonly outcome: Outcome;
  readonly rows: readonly PageRow[];
  /** Rows the server moved to build the page: what the composer received, or what the read model returned. */
  readonly rowsMoved: number;
  /** Parts the page lacks, or the reason it failed. */
  readonly missing: readonly Source[];
  readonly error?: string;
  /** The read model's checkpoint in each source's outbox when it answered. */
  readonly checkpoints?: Readonly<Record<Source, number>>;
};
export type Write = { readonly type: 'write'; readonly what: 'rename' | 'settle' };

export type FaultId = 'payments-slow' | 'payments-down' | 'customers-down';

/** What the services record for the measures. */
export type CompositionFact =
  | { readonly kind: 'committed'; readonly source: Source; readonly position: number; readonly key: string }
  | { readonly kind: 'projected'; readonly source: Source; readonly position: number }
  | {
      readonly kind: 'call';
      readonly service: Source;
      readonly reqId: number;
      readonly outcome: 'answered' | 'timed-out' | 'short-circuited';
      readonly rows: number;
      readonly ms: number;
    }
  | { readonly kind: 'breaker'; readonly service: Source; readonly state: BreakerState }
  | {
      readonly kind: 'shown';
      readonly reqId: number;
      readonly way: Way;
      readonly page: PageKind;
      readonly issuedAt: number;
      readonly outcome: Outcome;
      readonly rowsMoved: number;
      readonly rowsShown: number;
      readonly missing: readonly Source[];
      readonly checkpoints?: Readonly<Record<Source, number>>;
    };

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface ApiComposition extends LabTypes {
  readonly inbox: {
    readonly browser: Open | PageServed | Write;
    readonly composer: ComposerInbox;
    readonly orders: OrdersQuery | FetchChanges | Reply;
    readonly customers: CustomersQuery | FetchChanges | RenameCustomer | Reply;
    readonly payments: PaymentsQuery | FetchChanges | SettlePayment | Reply;
    readonly 'read-model': ReadModelInbox;
  };
  readonly faults: FaultId;
  readonly facts: CompositionFact;
}
