/** What the lab's services say to each other, and the names they go by. */

export const TICKET_APP = 'ticket-app';
export const REPORTING = 'reporting';
/** Setup A: the report runs on the same database as the ticket workload. */
export const MONOLITH_A = 'monolith-a';
/** Setup B: the same monolith and workload, with the report moved to the analytics store. */
export const MONOLITH_B = 'monolith-b';
export const ANALYTICS = 'analytics';

export type OpKind = 'open' | 'assign' | 'close';
export type Priority = 'low' | 'normal' | 'high';

/** One operational transaction the ticket app asks for. Both monoliths get the same request. */
export type OperationalRequest = {
  readonly type: 'op';
  readonly requestId: string;
  readonly op: OpKind;
  readonly ticketId: number;
  readonly customerId?: number;
  readonly priority?: Priority;
  readonly expertId?: number;
  readonly description?: string;
};

export type ReportRequest = {
  readonly type: 'report';
  readonly requestId: string;
};

/** The copy job's extract: changes after `after`, by change number or (broken variant) by ticket id. */
export type ExtractRequest = {
  readonly type: 'extract';
  readonly requestId: string;
  readonly by: 'change-seq' | 'ticket-id';
  readonly after: number;
  readonly limit: number;
};

export type DatabaseRequest = OperationalRequest | ReportRequest | ExtractRequest;
export type JobKind = 'op' | 'report' | 'extract' | 'load';

/** One ticket as the analytics store keeps it: wide, already joined. */
export type FactRow = {
  readonly ticketId: number;
  readonly customerId: number;
  readonly plan: string;
  readonly region: string;
  readonly city: string;
  readonly priority: string;
  readonly status: string;
  readonly expertSkill: string | null;
  readonly openedMonth: string;
  readonly changeSeq: number;
  readonly changedAtMs: number;
};

/**
 * How a request went through a database's one connection, all in virtual ms except `engineMs`, which is the
 * engine's own measured time for the statement. `virtualMs` is that time converted to the lab's clock.
 */
export type Timing = {
  readonly arrivedAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly waitMs: number;
  readonly engineMs: number;
  readonly virtualMs: number;
  /** Requests that held or were queued for the connection when this one arrived. */
  readonly ahead: readonly string[];
};

export type Reply = Timing & {
  readonly type: 'reply';
  readonly requestId: string;
  readonly kind: JobKind;
  readonly ok: boolean;
  readonly error?: string;
  /** Operational requests: the change number the ticket got, or null when nothing changed. */
  readonly changeSeq?: number | null;
  /** Reports: rows in the result. */
  readonly rows?: number;
  /** Reports on the analytics store: how fresh the data was that the report read. */
  readonly freshness?: { readonly newestChangeMs: number; readonly copiedSeq: number };
  /** Extracts: the monolith's newest change number when the extract ran, and the rows found. */
  readonly headSeq?: number;
  readonly facts?: readonly FactRow[];
};
