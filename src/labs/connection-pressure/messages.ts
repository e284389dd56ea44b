/** What users, application instances and databases say to each other, the facts they record, and the lab's types. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { DatabaseName, Layout } from '../ticket-system/layout.ts';
import type { AppService } from '../ticket-system/queries.ts';

export const USERS = 'users';

export type Burst = { readonly type: 'burst'; readonly layout: Layout };

export type Request = { readonly type: 'request'; readonly layout: Layout; readonly id: string };

/** The reader starts one more instance of a service. */
export type ScaleOut = { readonly type: 'scale-out' };

/** An instance's reminder that a request has waited long enough for the database. */
export type Timeout = { readonly type: 'timeout'; readonly requestId: string };

export type Connect = {
  readonly type: 'connect';
  readonly layout: Layout;
  readonly requestId: string;
  readonly instance: string;
  readonly role: string;
};

export type Connected = {
  readonly type: 'connected';
  readonly layout: Layout;
  readonly requestId: string;
  readonly instance: string;
  readonly connId: number;
  readonly open: number;
  readonly limit: number;
};

export type Refused = {
  readonly type: 'refused';
  readonly layout: Layout;
  readonly requestId: string;
  readonly instance: string;
  readonly code: string;
  readonly message: string;
  readonly open: number;
  readonly limit: number;
};

export type RunQuery = {
  readonly type: 'run-query';
  readonly layout: Layout;
  readonly requestId: string;
  readonly instance: string;
  readonly connId: number;
  readonly query: string;
  readonly sql: string;
};

/** The database's answer on a connection. `08006` means the connection no longer exists on the server. */
export type Answer = {
  readonly type: 'answer';
  readonly layout: Layout;
  readonly requestId: string;
  readonly instance: string;
  readonly connId: number;
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
};

/** The timer a query sets to hand its connection back after it has held it for its duration. */
export type Finish = { readonly type: 'finish'; readonly to: AppService; readonly answer: Answer };

/** A pool hands a connection back: the server forgets it. */
export type Close = { readonly type: 'close'; readonly connId: number };

/** The reader takes a database down. */
export type Crash = { readonly type: 'crash' };

/** What a user finally gets back for a request. */
export type Outcome = {
  readonly layout: Layout;
  readonly requestId: string;
  readonly service: AppService;
  readonly instance: string;
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
};

export type Response = { readonly type: 'response' } & Outcome;

/**
 * What the measures read. A database records each login it decides, with the connections then open and its
 * `max_connections`; users record each request they send and each response they get; a service records
 * how many instances it runs after a scale-out.
 */
export type ConnectionPressureFact =
  | { readonly kind: 'login'; readonly admitted: boolean; readonly open: number; readonly limit: number }
  | { readonly kind: 'requested'; readonly requestId: string; readonly service: AppService; readonly layout: Layout }
  | ({ readonly kind: 'responded' } & Outcome)
  | { readonly kind: 'scaled-out'; readonly instances: number };

export interface ConnectionPressure extends LabTypes {
  readonly inbox: { readonly [USERS]: Burst | Response } & Readonly<
    Record<AppService, ScaleOut | Request | Connected | Refused | Answer | Timeout>
  > &
    Readonly<Record<DatabaseName, Crash | Connect | RunQuery | Finish | Close>>;
  readonly faults: never;
  readonly facts: ConnectionPressureFact;
}
