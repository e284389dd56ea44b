/** What the services of the CQRS lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

export type Card = 'good' | 'declined';
export type OrderStatus = 'placed' | 'confirmed' | 'declined';
/** How the customer's app gets its own writes onto the "My orders" page. */
export type Fix = 'none' | 'read-your-writes' | 'version-token' | 'optimistic';
/** How the open page learns that an order changed: by asking again, or by being told. */
export type Follow = 'poll' | 'push';

export interface OrderLine {
  readonly sku: string;
  readonly qty: number;
  readonly priceCents: number;
}

/** One row of the "My orders" page, from whichever side served it. */
export interface OrderRow {
  readonly orderId: string;
  readonly status: string;
  readonly items: string;
  readonly totalCents: number;
  readonly version: number;
}

/** A change event as the write side committed it to its outbox: the whole order as of `version`. */
export interface ChangeEvent {
  readonly position: number;
  readonly orderId: string;
  readonly version: number;
  readonly type: string;
  readonly customerId: string;
  readonly status: string;
  readonly items: string;
  /** Null only in a poison event, which the read model's NOT NULL refuses. */
  readonly totalCents: number | null;
  readonly placedAt: number;
}

// To the order service (the write side).
export type PlaceOrder = {
  readonly type: 'place-order';
  readonly orderId: string;
  readonly customerId: string;
  readonly card: Card;
  readonly lines: readonly OrderLine[];
};
/** The payment provider's answer, as a timer the order service sets for itself. */
export type PaymentAnswer = { readonly type: 'payment-answer'; readonly orderId: string };
/** `after` comes first so that the timeline shows where the projector stands. */
export type Fetch = { readonly type: 'fetch'; readonly after: number; readonly limit: number; readonly fetchId: number };
/** Read-your-writes: the customer's own session reads the normalised tables. */
export type ReadMine = { readonly type: 'read-mine'; readonly reqId: number; readonly customerId: string };

// To the read model (projector and query side).
export type Batch = {
  readonly type: 'batch';
  /** The positions it holds, in words ("positions 30–49", "nothing new"), first so that the timeline shows it. */
  readonly holds: string;
  readonly fetchId: number;
  readonly after: number;
  readonly events: readonly ChangeEvent[];
  /** The newest position in the outbox when the batch was read. */
  readonly head: number;
};
/** Sent once to a projector that was told it had caught up, when the next change commits (as NOTIFY would). */
export type ChangesAvailable = { readonly type: 'changes-available'; readonly head: number };
export type ReadOrders = {
  readonly type: 'read-orders';
  readonly reqId: number;
  readonly customerId: string;
  /** Version token: answer only once the projection has reached this position (or the wait runs out). */
  readonly minPosition?: number;
};
export type Subscribe = { readonly type: 'subscribe'; readonly customerId: string };
export type Rebuild = { readonly type: 'rebuild' };
/** The projector's own clock: `run` tells a timer set before a crash or a rebuild from a current one. */
export type FetchNow = { readonly type: 'fetch-now'; readonly run: number };
export type FetchTimeout = { readonly type: 'fetch-timeout'; readonly run: number; readonly fetchId: number };
export type ApplyBatch = { readonly type: 'apply-batch'; readonly run: number; readonly batch: Batch; readonly latest: boolean };
export type RestartProjector = { readonly type: 'restart-projector' };
export type ReadDeadline = { readonly type: 'read-deadline'; readonly reqId: number };

// To the customer's app.
export type Place = { readonly type: 'place'; readonly card: Card };
export type OpenMyOrders = { readonly type: 'open-my-orders' };
export type UseFix = { readonly type: 'use-fix'; readonly fix: Fix };
export type UseFollow = { readonly type: 'use-follow'; readonly follow: Follow };
export type RunWorkload = { readonly type: 'run-workload' };
export type PlaceLater = { readonly type: 'place-later'; readonly card: Card };
export type Poll = { readonly type: 'poll' };
export type OrderPlaced = { readonly type: 'order-placed'; readonly orderId: string; readonly version: number; readonly position: number };
export type OrdersPage = {
  readonly type: 'orders-page';
  readonly reqId: number;
  readonly rows: readonly OrderRow[];
  readonly source: 'read-model' | 'write-side';
  readonly timedOut: boolean;
};
export type OrdersChanged = { readonly type: 'orders-changed'; readonly rows: readonly OrderRow[] };

// To the crowd of other shoppers.
export type Rush = { readonly type: 'rush' };
export type RushOrder = { readonly type: 'rush-order' };

export type FaultId = 'projector-slow' | 'projector-rare' | 'projector-crash' | 'poison-event' | 'duplicate-batches' | 'reorder-batches';

/** Where a page came from: the read model, the write side, or the app's own guess. */
export type ShownSource = 'read-model' | 'write-side' | 'optimistic' | 'push';
export type ReadPurpose = 'after-write' | 'open' | 'poll' | 'push';

/** An order as the page shows it; `guessed` marks a row the app drew before any server said so. */
export interface ShownRow {
  readonly orderId: string;
  readonly status: string;
  readonly version: number;
  readonly guessed: boolean;
}

/** What the services record for the measures: the write side's commits, the projector's progress, the page. */
export type CqrsFact =
  | {
      readonly kind: 'committed';
      readonly orderId: string;
      readonly customerId: string;
      readonly version: number;
      readonly status: OrderStatus;
      readonly position: number;
    }
  | { readonly kind: 'checkpoint'; readonly position: number }
  | { readonly kind: 'batch-failed'; readonly after: number; readonly attempt: number; readonly error: string }
  | { readonly kind: 'dead-lettered'; readonly position: number; readonly orderId: string; readonly error: string }
  | { readonly kind: 'projector-crashed' }
  | { readonly kind: 'projector-resumed'; readonly position: number }
  | { readonly kind: 'rebuild-started' }
  | { readonly kind: 'served'; readonly reqId: number; readonly checkpoint: number; readonly waitedMs: number; readonly timedOut: boolean }
  | { readonly kind: 'pushed'; readonly customerId: string; readonly rows: number }
  | { readonly kind: 'fix-chosen'; readonly fix: Fix }
  | { readonly kind: 'follow-chosen'; readonly follow: Follow }
  | {
      readonly kind: 'shown';
      readonly purpose: ReadPurpose;
      readonly source: ShownSource;
      readonly fix: Fix;
      /** When the read was asked for: what the write side had committed by then must be on the page. */
      readonly issuedAt: number;
      /** The order this read follows, for a read right after writing it. */
      readonly after?: string;
      readonly rows: readonly ShownRow[];
      readonly timedOut: boolean;
    };

export interface CqrsLag extends LabTypes {
  readonly inbox: {
    readonly customer:
      Place | OpenMyOrders | UseFix | UseFollow | RunWorkload | PlaceLater | Poll | OrderPlaced | OrdersPage | OrdersChanged;
    readonly crowd: Rush | RushOrder | OrderPlaced;
    readonly orders: PlaceOrder | PaymentAnswer | Fetch | ReadMine;
    readonly 'read-model':
      Batch | ChangesAvailable | ReadOrders | Subscribe | Rebuild | FetchNow | FetchTimeout | ApplyBatch | RestartProjector | ReadDeadline;
  };
  readonly faults: FaultId;
  readonly facts: CqrsFact;
}
