/** What the services of the outbox lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/**
 * The six ways the ticket service's changes reach the downstream service, all fed by the same changes in
 * the same run, so that they can be compared side by side.
 */
export const PIPELINES = ['commit-then-publish', 'publish-then-commit', 'outbox', 'seq-copier', 'safe-copier', 'wal'] as const;
export type Pipeline = (typeof PIPELINES)[number];

/** The pipelines the relay runs: each polls the ticket database on the relay's clock. */
export const CAPTURES = ['outbox', 'seq-copier', 'safe-copier', 'wal'] as const;
export type Capture = (typeof CAPTURES)[number];

export const PIPELINE_LABEL: Readonly<Record<Pipeline, string>> = {
  'commit-then-publish': 'Dual write: commit, then publish',
  'publish-then-commit': 'Dual write: publish, then commit',
  outbox: 'Transactional outbox, polling relay',
  'seq-copier': 'Query-based capture, sequence watermark',
  'safe-copier': 'Query-based capture, watermark bounded by xmin',
  wal: 'Log-based capture from the WAL',
};

export type TicketStatus = 'open' | 'assigned' | 'closed';

/** A ticket as of one version: what every event carries. `eventId` is `T-3@v2`, the consumer's idempotency key. */
export interface TicketEvent {
  readonly eventId: string;
  readonly ticketId: string;
  readonly version: number;
  readonly status: TicketStatus;
  readonly assignee: string | null;
}

/**
 * What can go wrong around one change. `crash-before-commit` and `crash-after-commit` stop the service between
 * its writes; `refused` makes Postgres refuse the commit (the agent left); `held` prepares the transaction and
 * commits it later, while other changes commit.
 */
export type Incident = 'none' | 'crash-before-commit' | 'crash-after-commit' | 'refused' | 'held';

/** One change the ticket service makes: open a ticket, assign it, or close it. */
export type ChangeKind = { readonly kind: 'open' } | { readonly kind: 'assign'; readonly agent: string } | { readonly kind: 'close' };

// To the ticket service.
export type RunWorkload = { readonly type: 'run-workload' };
export type NextChange = { readonly type: 'next-change' };
export type Change = {
  readonly type: 'change';
  readonly ticketId: string;
  readonly change: ChangeKind;
  readonly incident: Incident;
};
export type CommitHeld = { readonly type: 'commit-held'; readonly gid: string };
/** The relay's poll: where each capture stands, so the ticket service can run the capture queries. */
export type ReadChanges = { readonly type: 'read-changes'; readonly poll: number; readonly offsets: Offsets };
/** The relay has published what poll `poll` found: mark these outbox rows, and move the WAL slot on. */
export type Ack = { readonly type: 'ack'; readonly poll: number; readonly outbox: readonly string[]; readonly wal: boolean };

/** Where each capture stands, as the relay keeps it in its own database. */
export interface Offsets {
  /** The highest sequence number the sequence copier has copied. */
  readonly seq: string;
  /** The transaction id below which the safe copier has copied everything (counted from the slot's origin). */
  readonly xmin: string;
}

/** A ticket row as a copier reads it, with the watermark to remember once it is sent. */
export interface CopiedRow {
  readonly event: TicketEvent;
  readonly watermark: string;
}

// To the relay.
export type Wake = { readonly type: 'wake' };
export type Poll = { readonly type: 'poll' };
export type Changes = {
  readonly type: 'changes';
  /** What the poll found, in words, first so that the timeline shows it. */
  readonly holds: string;
  readonly poll: number;
  readonly outbox: readonly TicketEvent[];
  readonly seqCopier: readonly CopiedRow[];
  readonly safeCopier: readonly CopiedRow[];
  readonly wal: WalRead;
};
/**
 * What the log-based capture decoded since the slot's restart position: the events of the transactions that
 * committed, in commit order (Postgres's logical decoding hands a relay exactly this), or why it could not.
 */
export type WalRead =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'events'; readonly records: number; readonly events: readonly TicketEvent[] }
  | { readonly kind: 'gone'; readonly error: string };

// To the downstream service.
export type Deliver = { readonly type: 'event'; readonly pipeline: Pipeline; readonly event: TicketEvent };

export type FaultId = 'crash-before-commit' | 'crash-after-commit' | 'refuse-commit' | 'hold-transaction' | 'relay-crash' | 'rare-polls';

/** What the services record for the measures. */
export type OutboxFact =
  | { readonly kind: 'committed'; readonly event: TicketEvent }
  | { readonly kind: 'refused'; readonly eventId: string; readonly error: string }
  | { readonly kind: 'crashed'; readonly service: 'tickets' | 'relay'; readonly where: string }
  | { readonly kind: 'held'; readonly eventId: string; readonly gid: string }
  | { readonly kind: 'published'; readonly pipeline: Pipeline; readonly eventId: string }
  /** A statement the relay ran on the ticket database for a pipeline: reading for changes, or marking them sent. */
  | { readonly kind: 'source-query'; readonly pipeline: Capture; readonly purpose: 'poll' | 'mark' }
  | { readonly kind: 'wal-gone'; readonly error: string }
  | { readonly kind: 'received'; readonly pipeline: Pipeline; readonly event: TicketEvent; readonly duplicate: boolean };

export interface OutboxRelay extends LabTypes {
  readonly inbox: {
    readonly tickets: RunWorkload | NextChange | Change | CommitHeld | ReadChanges | Ack;
    readonly relay: Wake | Poll | Changes;
    readonly downstream: Deliver;
  };
  readonly faults: FaultId;
  readonly facts: OutboxFact;
}
