/**
 * What the services say to each other, and the lab's types in one place. Every message about a request
 * carries its id, so the services can record the hops each request took.
 */
import type { Cell } from '../engine/types.ts';
import type { LabTypes } from '../kit/define-lab.ts';
import type { TechniqueId, TicketColumn } from './techniques.ts';
import type { Op, OpKind } from './workload.ts';

export type Outcome = 'done' | 'refused' | 'failed';

export type FaultId = 'ticket-down' | 'assignment-down' | 'duplicate-requests' | 'no-version-check';

/** The reader's actions on the client: run one workload, or audit the databases now. */
export type RunWorkload = { readonly type: 'run-workload' };
export type AuditNowByReader = { readonly type: 'audit' };

/** The client's reminders to itself: send one request to one technique; give up on an answer; audit a run. */
export type SendRequest = {
  readonly type: 'send';
  readonly run: number;
  readonly technique: TechniqueId;
  readonly index: number;
  readonly op: Op;
};
export type RequestTimeout = { readonly type: 'request-timeout'; readonly requestId: string };
export type AuditAfterRun = { readonly type: 'audit-now'; readonly run: number };

/** From the client to the service that handles the request under a technique. */
export type RequestMessage = {
  readonly type: 'request';
  readonly requestId: string;
  readonly run: number;
  readonly technique: TechniqueId;
  readonly op: Op;
};

export type ReplyMessage = {
  readonly type: 'reply';
  readonly requestId: string;
  readonly outcome: Outcome;
  readonly detail: string;
};

/** From an application service to the database service it connects to; it runs as that service's role. */
export type QueryMessage = {
  readonly type: 'query';
  readonly requestId: string;
  readonly flow: string;
  readonly technique: TechniqueId;
  readonly sql: string;
};

export type ResultMessage = {
  readonly type: 'result';
  readonly requestId: string;
  readonly flow: string;
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  readonly affected: number;
  readonly rows: readonly Record<string, Cell>[];
};

/** Delegate technique: Assignment asks Ticket, the owner of the row, to write the assignment for it. */
export type AssignTicketMessage = {
  readonly type: 'assign-ticket';
  readonly requestId: string;
  readonly flow: string;
  readonly technique: TechniqueId;
  readonly op: Op;
};

export type AssignResultMessage = {
  readonly type: 'assign-result';
  readonly requestId: string;
  readonly flow: string;
  readonly outcome: Outcome;
  readonly detail: string;
};

/** An application service's reminders to itself, about one request in flight (its flow). */
export type ThinkDone = { readonly type: 'think-done'; readonly flow: string };
export type DelegateTimeout = { readonly type: 'delegate-timeout'; readonly flow: string };

/** One technique's integrity figures, counted by real queries on its database. */
export type AuditRow = {
  readonly technique: TechniqueId;
  readonly lostUpdates: number;
  readonly closedAssignments: number;
  /** Only a split can orphan an assignment; elsewhere both slices share one row. */
  readonly orphanAssignments: number | null;
  /** Set when the audit query itself failed, e.g. because the split is half done. */
  readonly error?: string;
};

/** The client asks each database for its audit of a run (0 when the reader asked). */
export type AuditMessage = { readonly type: 'audit'; readonly run: number };
export type AuditResultMessage = {
  readonly type: 'audit-result';
  readonly run: number;
  readonly rows: readonly AuditRow[];
};
export type ApplySplit = { readonly type: 'apply-split' };

type AppInbox = RequestMessage | AssignTicketMessage | ThinkDone | DelegateTimeout | AssignResultMessage | ResultMessage;
type DatabaseInbox = QueryMessage | AuditMessage;

/** What the services record for the Measured panel. */
export type JointFact =
  /** The client sent a request of a workload run to a technique (once, even when the fault sends it twice). */
  | { readonly kind: 'request'; readonly run: number; readonly requestId: string; readonly technique: TechniqueId; readonly op: OpKind }
  /** An answer reached the client; for a request answered twice, the first one counts. */
  | { readonly kind: 'answer'; readonly requestId: string; readonly outcome: Outcome }
  /** The databases' audit of a run reached the client. */
  | { readonly kind: 'audit'; readonly run: number; readonly rows: readonly AuditRow[] }
  /** One message about a request between two services other than the client: to or from a database, or between services. */
  | { readonly kind: 'hop'; readonly requestId: string; readonly link: 'database' | 'service' }
  /** A service sent a query that names these ticket columns: the columns a change to the schema would reach. */
  | { readonly kind: 'query'; readonly technique: TechniqueId; readonly columns: readonly TicketColumn[] };

export interface JointOwnership extends LabTypes {
  readonly inbox: {
    readonly client: RunWorkload | AuditNowByReader | SendRequest | RequestTimeout | AuditAfterRun | ReplyMessage | AuditResultMessage;
    readonly ticket: AppInbox;
    readonly assignment: AppInbox;
    readonly 'ticket-management': AppInbox;
    readonly 'split-db': DatabaseInbox | ApplySplit;
    readonly 'ticket-db': DatabaseInbox;
  };
  readonly faults: FaultId;
  readonly facts: JointFact;
}
