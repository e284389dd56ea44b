/** What the services of the log-views lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { Named } from './settings.ts';

/** The views: each is a service with its own database, fed from the one log. */
export const VIEWS = ['reporting', 'search', 'cache'] as const;
export type ViewName = (typeof VIEWS)[number];
export const isView = (name: string): name is ViewName => (VIEWS as readonly string[]).includes(name);

/** An event as the log holds it, at its position (Kafka would say offset): `data` is the JSON the writing release produced, in its own shape. */
export interface StoredEvent {
  readonly position: number;
  readonly key: string;
  readonly type: string;
  readonly data: string;
  /** 1: the old release's shape; 2: the current one. */
  readonly schema: number;
}

// To the order service, the writer (Postgres): commands, and the log's own protocol.
export type PlaceOrder = { readonly type: 'place-order'; readonly customer: Named };
export type ChangeEmail = { readonly type: 'change-email'; readonly customer: Named };
export type Forget = { readonly type: 'forget'; readonly customer: Named };
/** Append `events` past events at once, as a migration would; with `oldShapeFirstThird`, the first third of its orders in the old shape. */
export type LoadHistory = { readonly type: 'load-history'; readonly events: number; readonly oldShapeFirstThird: boolean };
/** A view asks for the events after `after` (and, during a rebuild, up to `upTo`). */
export type Fetch = {
  readonly type: 'fetch';
  /** First, so that the timeline shows it: "after 502", "after 0, up to 1002". */
  readonly asks: string;
  readonly after: number;
  readonly upTo: number | null;
  readonly fetchId: number;
};
/** A new view asks to be told of appends from now on. */
export type Subscribe = { readonly type: 'subscribe' };

// To every view.
/** The log has grown: fetch when you can. */
export type Appended = { readonly type: 'appended'; readonly head: number };
export type Batch = {
  readonly type: 'batch';
  /** First, so that the timeline shows it: "offsets 1–500", "nothing new". */
  readonly holds: string;
  readonly fetchId: number;
  readonly after: number;
  readonly events: readonly StoredEvent[];
  /** The newest offset in the log when the batch was read. */
  readonly head: number;
};
/** Drop the view's rows and build them again from position 0, then prove the new rows equal the old ones. */
export type Rebuild = { readonly type: 'rebuild' };
/** Start a view that did not exist: it subscribes and catches up from position 0. */
export type Start = { readonly type: 'start' };
export type ViewInbox = Appended | Batch | Start;

export type FaultId = 'old-release' | 'poison-order' | 'search-crash' | 'duplicate-batches';

/** What the services record for the measures. */
export type LogFact =
  | { readonly kind: 'appended'; readonly first: number; readonly last: number; readonly what: string }
  | { readonly kind: 'refused'; readonly what: string; readonly reason: string }
  | { readonly kind: 'history-loaded'; readonly events: number; readonly head: number; readonly writerSchema: string }
  | { readonly kind: 'subscribed'; readonly view: ViewName; readonly head: number; readonly writerSchema: string }
  | {
      readonly kind: 'applied';
      readonly view: ViewName;
      readonly from: number;
      readonly to: number;
      readonly events: number;
      readonly parked: number;
      /** Real engine time of the batch's transaction during a rebuild or a late start's catch-up; 0 otherwise, or when the lab leaves engine time out. */
      readonly engineMs: number;
      readonly rebuilding: boolean;
    }
  | { readonly kind: 'view-started'; readonly view: ViewName }
  | { readonly kind: 'rebuild-started'; readonly view: ViewName; readonly livePosition: number; readonly hash: string }
  | { readonly kind: 'rebuilt'; readonly view: ViewName; readonly upTo: number; readonly hashBefore: string; readonly hashAfter: string }
  /** A batch, or part of one, that the view had already applied: redelivered, and skipped by the checkpoint. */
  | { readonly kind: 'skipped'; readonly view: ViewName; readonly events: number }
  | { readonly kind: 'crashed'; readonly view: ViewName; readonly holding: number }
  | { readonly kind: 'forgotten'; readonly customer: string; readonly logEventsWithEmail: number };

export interface LogViews extends LabTypes {
  readonly inbox: {
    readonly orders: PlaceOrder | ChangeEmail | Forget | LoadHistory | Fetch | Subscribe;
    readonly reporting: ViewInbox | Rebuild;
    readonly search: ViewInbox;
    readonly cache: ViewInbox;
  };
  readonly faults: FaultId;
  readonly facts: LogFact;
}
