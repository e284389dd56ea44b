/** What the services of the data-shapes lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/** The shapes the data set is stored in. The graph is the relational store's link table, walked by a recursive query. */
export type Shape = 'relational' | 'graph' | 'documents' | 'search' | 'vectors' | 'key-value';

/** The access patterns the lab runs against every shape that can serve them. */
export type Pattern = 'customer-with-tickets' | 'tickets-per-product' | 'ticket-by-id' | 'within-hops' | 'matching-words' | 'most-similar';

/** A change of the source of truth, as the relational store's change log holds it. */
export type Change =
  | { readonly kind: 'product-renamed'; readonly productId: number; readonly name: string; readonly ticketIds: readonly number[] }
  | {
      readonly kind: 'ticket-opened';
      readonly ticket: {
        readonly id: number;
        readonly customerId: number;
        readonly productId: number;
        readonly agentId: number;
        readonly category: string;
        readonly subject: string;
        readonly body: string;
        readonly status: 'open' | 'closed';
      };
      /** Names copied into the change, so that no shape has to ask the source for them. */
      readonly customer: string;
      readonly product: string;
      readonly agent: string;
    }
  | { readonly kind: 'customers-linked'; readonly from: number; readonly to: number };

export interface LoggedChange {
  readonly position: number;
  readonly change: Change;
}

/** Sent to each store that keeps a shape current. */
export type Changes = { readonly type: 'changes'; readonly holds: string; readonly changes: readonly LoggedChange[] };
export type RunPatterns = { readonly type: 'run-patterns'; readonly run: number; readonly timed: boolean };

export interface ShapesLab extends LabTypes {
  readonly inbox: {
    desk:
      | { readonly type: 'run-patterns' }
      | { readonly type: 'time-patterns' }
      | { readonly type: 'rename-product' }
      | { readonly type: 'open-ticket' }
      | { readonly type: 'link-customers' };
    relational:
      | RunPatterns
      | { readonly type: 'rename-product'; readonly productId: number; readonly name: string }
      | {
          readonly type: 'open-ticket';
          readonly customerId: number;
          readonly productId: number;
          readonly agentId: number;
          readonly category: string;
          readonly subject: string;
          readonly body: string;
        }
      | { readonly type: 'link-customers'; readonly from: number; readonly to: number };
    derived: RunPatterns | Changes;
    keyvalue: RunPatterns | Changes;
  };
  readonly faults: 'rename-forgets-documents' | 'slow-kv-sync' | 'redelivery';
  readonly facts: ShapesFact;
}

export type ShapesFact =
  /** One access pattern run once on one shape: what it cost, read from the plan, and a digest of its answer. */
  | {
      readonly kind: 'pattern';
      readonly run: number;
      readonly pattern: Pattern;
      readonly shape: Shape;
      /** Rows the plan's scans read, kept or filtered out (Postgres), or values fetched (key-value). */
      readonly rowsRead: number;
      readonly statements: number;
      readonly queryChars: number;
      readonly rowsReturned: number;
      /** Indexes the plan used, or how the key-value store was asked. */
      readonly access: string;
      readonly answer: string;
      /** For similarity: how many of the answers are filed under the question's topic. */
      readonly sameCategory?: number;
    }
  /** Engine time: the one figure in the trace that differs from machine to machine. */
  | { readonly kind: 'timed'; readonly pattern: Pattern; readonly shape: Shape; readonly engineMs: number }
  /** A change applied to one shape: how many rows, documents or values it rewrote. */
  | {
      readonly kind: 'write';
      readonly position: number;
      readonly change: Change['kind'];
      readonly shape: Shape;
      readonly rowsWritten: number;
    }
  | { readonly kind: 'skipped-duplicate'; readonly service: string; readonly position: number }
  | { readonly kind: 'gap'; readonly service: string; readonly expected: number; readonly got: number };
