/** What the services say to each other. Every message about a request carries its id, so the trace can count hops. */
import type { Cell } from '../engine/types.ts';
import type { TechniqueId } from './techniques.ts';
import type { Op } from './workload.ts';

export type Outcome = 'done' | 'refused' | 'failed';

/** From the client to the service that handles the request under a technique. */
export interface RequestMessage {
  readonly type: 'request';
  readonly requestId: string;
  readonly run: number;
  readonly technique: TechniqueId;
  readonly op: Op;
}

export interface ReplyMessage {
  readonly type: 'reply';
  readonly requestId: string;
  readonly outcome: Outcome;
  readonly detail: string;
}

/** From an application service to the database service it connects to; it runs as that service's role. */
export interface QueryMessage {
  readonly type: 'query';
  readonly requestId: string;
  readonly flow: string;
  readonly technique: TechniqueId;
  readonly sql: string;
}

export interface ResultMessage {
  readonly type: 'result';
  readonly requestId: string;
  readonly flow: string;
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  readonly affected: number;
  readonly rows: readonly Record<string, Cell>[];
}

/** Delegate technique: Assignment asks Ticket, the owner of the row, to write the assignment for it. */
export interface AssignTicketMessage {
  readonly type: 'assign-ticket';
  readonly requestId: string;
  readonly flow: string;
  readonly technique: TechniqueId;
  readonly op: Op;
}

export interface AssignResultMessage {
  readonly type: 'assign-result';
  readonly requestId: string;
  readonly flow: string;
  readonly outcome: Outcome;
  readonly detail: string;
}

/** One technique's integrity figures, counted by real queries on its database. */
export interface AuditRow {
  readonly technique: TechniqueId;
  readonly lostUpdates: number;
  readonly closedAssignments: number;
  /** Only a split can orphan an assignment; elsewhere both slices share one row. */
  readonly orphanAssignments: number | null;
  /** Set when the audit query itself failed, e.g. because the split is half done. */
  readonly error?: string;
}

export interface AuditResultMessage {
  readonly type: 'audit-result';
  readonly run: number;
  readonly rows: readonly AuditRow[];
}
