/** What the services of the analytics-feeds lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/** One change of a ticket as the ticket service's change log holds it. */
export interface Change {
  readonly position: number;
  readonly ticketId: number;
  readonly kind: 'opened' | 'closed';
  /** When it happened in the world: the day it is counted in. */
  readonly happenedAt: number;
  /** When it was recorded in the database; later than happenedAt for a field agent's late sync. */
  readonly recordedAt: number;
  /** When the ticket was opened (the speed layer's bug counts closures on that day). */
  readonly openedAt: number;
}

/** A ticket as the nightly extract copies it. */
export interface TicketRow {
  readonly id: number;
  readonly customerId: number;
  readonly openedAt: number;
  readonly closedAt: number | null;
}

/** One day of the report: tickets opened and closed that day. */
export interface DayCount {
  readonly day: number;
  readonly opened: number;
  readonly closed: number;
}

export type Feed = 'batch' | 'stream' | 'lambda' | 'kappa';
/** Which logic a stream job runs: v1 drops an event whose day is already closed; v2 counts it into its day. */
export type Logic = 'v1' | 'v2';
/** How the churn score reaches the customer service. */
export type SyncMode = 'direct' | 'owned-table' | 'api';

/** One report as the analyst read it: its rows and the newest fact in it. */
export interface Report {
  readonly feed: Feed;
  /** For the stream report: which logic wrote the table it reads. */
  readonly logic?: Logic;
  readonly days: readonly DayCount[];
  /** happenedAt of the newest change the report counts; null when it counts nothing yet. */
  readonly newestAt: number | null;
}

export interface Score {
  readonly customerId: number;
  readonly score: number;
}

// To the ticket service.
export type OpenTicket = {
  readonly type: 'open-ticket';
  readonly ticketId: number;
  readonly customerId: number;
  readonly priority: string;
};
/** `happenedAt` is when the agent closed it; the message arrives when the agent's laptop syncs. */
export type CloseTicket = { readonly type: 'close-ticket'; readonly ticketId: number; readonly happenedAt: number };
export type Fetch = {
  readonly type: 'fetch';
  readonly after: number;
  readonly limit: number;
  readonly purpose: 'live' | 'replay';
  readonly fetchId: number;
};
export type Extract = { readonly type: 'extract' };
export type Truth = { readonly type: 'truth'; readonly readId: number; readonly asOf: number };

// To the analytics store.
export type Changes = {
  readonly type: 'changes';
  /** In words, first so that the timeline shows it. */
  readonly holds: string;
  readonly fetchId: number;
  readonly purpose: 'live' | 'replay';
  readonly changes: readonly Change[];
  readonly head: number;
};
/** `cutoff` is the ticket service's moment of the extract; `cutoffPosition` the newest change-log position it includes. */
export type Extracted = {
  readonly type: 'extracted';
  readonly cutoff: number;
  readonly cutoffPosition: number;
  readonly tickets: readonly TicketRow[];
};

// To the customer service.
export type OpenForm = { readonly type: 'open-form'; readonly customerId: number };

export interface FeedsLab extends LabTypes {
  readonly inbox: {
    desk:
      | { readonly type: 'run-days' }
      | { readonly type: 'open-next'; readonly customerId: number; readonly priority: string; readonly closeAfter: number }
      | { readonly type: 'agent-closes'; readonly ticketId: number; readonly happenedAt: number; readonly held: boolean }
      | { readonly type: 'read-now' }
      | { readonly type: 'reports'; readonly readId: number; readonly at: number; readonly reports: readonly Report[] }
      | { readonly type: 'truth-is'; readonly readId: number; readonly days: readonly DayCount[]; readonly newestAt: number | null }
      | { readonly type: 'edit-profile' };
    tickets: OpenTicket | CloseTicket | Fetch | Extract | Truth;
    analytics:
      | { readonly type: 'poll' }
      | Changes
      | { readonly type: 'schedule-nights'; readonly from: number; readonly days: number }
      | { readonly type: 'nightly' }
      | { readonly type: 'run-nightly-now' }
      | Extracted
      | { readonly type: 'restart-stream' }
      | { readonly type: 'deploy-v2' }
      | { readonly type: 'replay-next' }
      | { readonly type: 'read-reports'; readonly readId: number }
      | { readonly type: 'use-sync'; readonly mode: SyncMode };
    customers:
      OpenForm | { readonly type: 'save-form' } | { readonly type: 'scores'; readonly mode: SyncMode; readonly scores: readonly Score[] };
  };
  readonly faults: 'late-events' | 'speed-layer-bug' | 'stream-crash' | 'redelivery';
  readonly facts: FeedsFact;
}

export type FeedsFact =
  | {
      readonly kind: 'read';
      readonly readId: number;
      readonly at: number;
      readonly feed: Feed;
      readonly logic?: Logic;
      readonly freshnessMs: number | null;
      readonly error: number;
      readonly closedDays: number;
    }
  | {
      readonly kind: 'late';
      readonly table: string;
      readonly position: number;
      readonly day: number;
      readonly handled: 'dropped' | 'restated';
    }
  | {
      readonly kind: 'nightly';
      readonly cutoff: number;
      readonly days: number;
      readonly lambdaCellsCorrected: number;
      readonly lambdaCountCorrected: number;
      readonly tickets: number;
    }
  /** A code path wrote a report table: Lambda's table is written by two. */
  | { readonly kind: 'wrote'; readonly table: string; readonly path: string }
  | { readonly kind: 'stream-crashed'; readonly offset: number }
  | { readonly kind: 'stream-resumed'; readonly offset: number }
  | { readonly kind: 'replay-started'; readonly head: number }
  /** Replays carry their measured engine time: the one place the trace holds a figure that differs per machine. */
  | { readonly kind: 'replay-batch'; readonly changes: number; readonly engineMs: number }
  | { readonly kind: 'replay-switched'; readonly changes: number; readonly engineMs: number; readonly virtualMs: number }
  | { readonly kind: 'scores-pushed'; readonly mode: SyncMode; readonly customers: number }
  | { readonly kind: 'score-reverted'; readonly customerId: number; readonly from: number; readonly to: number | null };
