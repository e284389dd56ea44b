/** What the workload, the application services and the monolith say to each other, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { AppService, Request, SqlParam, Verb } from './statements.ts';

/** The reader's one action: play a month of work. */
export type RunMonth = { readonly type: 'run-month' };
/** The workload's reminder to itself to hand out the next request of the month. */
export type NextRequest = { readonly type: 'next-request' };

/**
 * The workload asks a service for one request of the month. The plan pairs each operation with the service
 * whose catalogue has it (`Request`); the service looks the statement up and refuses an operation it lacks.
 */
export type RequestMessage = { readonly type: 'request'; readonly op: Request['op']; readonly params: readonly SqlParam[] };

/** A service sends the monolith one statement. Who sent it is the sender the kernel delivers with it. */
export type Query = { readonly type: 'query'; readonly op: string; readonly sql: string; readonly params: readonly SqlParam[] };
export type Done = { readonly type: 'done'; readonly op: string; readonly rows: number };
export type Failed = { readonly type: 'failed'; readonly op: string; readonly error: string };

type AppInboxes = Readonly<Record<AppService, RequestMessage | Done | Failed>>;

/** A service sent the monolith a statement of its catalogue, with the statement's verb: the measure counts these. */
export type SentFact = { readonly kind: 'sent'; readonly op: string; readonly verb: Verb };

export interface OwnershipDetective extends LabTypes {
  readonly inbox: { readonly monolith: Query; readonly workload: RunMonth | NextRequest } & AppInboxes;
  readonly faults: never;
  readonly facts: SentFact;
}
