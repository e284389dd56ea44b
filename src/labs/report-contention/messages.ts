/** What the lab's services say to each other, the facts they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { PlannedRequest } from './workload.ts';

export const TICKET_APP = 'ticket-app';
export const REPORTING = 'reporting';
/** Setup A: the report runs on the same database as the ticket workload. */
export const MONOLITH_A = 'monolith-a';
/** Setup B: the same monolith and workload, with the report moved to the analytics store. */
export const MONOLITH_B = 'monolith-b';
export const ANALYTICS = 'analytics';

export type MonolithName = typeof MONOLITH_A | typeof MONOLITH_B;
/** The services that send a database requests, and so receive its replies. */
export type Requester = typeof TICKET_APP | typeof REPORTING | typeof ANALYTICS;

export type OpKind = 'open' | 'assign' | 'close';
export type Priority = 'low' | 'normal' | 'high';

/** The reader asks the ticket app for a workload of `requests` ticket requests. */
export type StartWorkload = { readonly type: 'start-workload'; readonly requests: number };
/** The ticket app's reminder to send one planned request. */
export type SendRequest = { readonly type: 'send-request'; readonly planned: PlannedRequest };

/** The reader asks for `times` runs of the report, `everyMs` apart. */
export type RunReports = { readonly type: 'run-reports'; readonly times: number; readonly everyMs: number };
export type ReportTick = { readonly type: 'report-tick' };

/** The ticket app tells the copy job's scheduler how long the workload lasts. */
export type ScheduleCopies = { readonly type: 'schedule-copies'; readonly until: number };
export type CopyTick = { readonly type: 'copy-tick' };
export type CopyNow = { readonly type: 'copy-now' };

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

/** The timer that ends a statement's time on a modelled connection (see connection.ts). */
export type ConnectionFree = { readonly type: 'connection-free'; readonly requestId: string };

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

/** How fresh the data was that a report on the analytics store read. */
export type Freshness = { readonly newestChangeMs: number; readonly copiedSeq: number };

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
  /** Reports on the analytics store. */
  readonly freshness?: Freshness;
  /** Extracts: the monolith's newest change number when the extract ran, and the rows found. */
  readonly headSeq?: number;
  readonly facts?: readonly FactRow[];
};

/**
 * What the measures read. A store records `served` once a job's time on its connection is over; the ticket
 * app records `round-trip` when the answer to one of its requests is back.
 */
export type ReportContentionFact =
  | (Timing & {
      readonly kind: 'served';
      readonly requestId: string;
      readonly job: JobKind;
      readonly ok: boolean;
      /** Operational requests that changed a ticket: the change number it got. */
      readonly changeSeq?: number;
      readonly freshness?: Freshness;
    })
  | { readonly kind: 'round-trip'; readonly store: MonolithName; readonly requestId: string; readonly latencyMs: number };

export type FaultId = 'copy-job-stopped' | 'analytics-crashes';

export interface ReportContention extends LabTypes {
  readonly inbox: {
    readonly [TICKET_APP]: StartWorkload | SendRequest | Reply;
    readonly [REPORTING]: RunReports | ReportTick | Reply;
    readonly [MONOLITH_A]: DatabaseRequest | ConnectionFree;
    readonly [MONOLITH_B]: DatabaseRequest | ConnectionFree;
    readonly [ANALYTICS]: ScheduleCopies | CopyTick | CopyNow | ReportRequest | Reply | ConnectionFree;
  };
  readonly faults: FaultId;
  readonly facts: ReportContentionFact;
}

export function isRequester(from: string): from is Requester {
  return from === TICKET_APP || from === REPORTING || from === ANALYTICS;
}
