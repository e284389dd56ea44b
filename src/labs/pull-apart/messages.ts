/** What the services of the pull-apart lab say to each other, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { DatabaseName } from './requests.ts';
import type { AppService } from './services.ts';

/** The support desk's one action: every service runs its usual requests. */
export type SendRequests = { readonly type: 'send-requests' };
export type Run = { readonly type: 'run' };

/** A service asks the database it uses to run one of its requests, on behalf of itself or a caller. */
export type Query = { readonly type: 'query'; readonly service: AppService; readonly request: string; readonly caller?: AppService };

export type Result = {
  readonly type: 'result';
  readonly request: string;
  readonly caller?: AppService;
  readonly ok: boolean;
  readonly code: 'monolith' | 'split';
  readonly rows: number;
  readonly error?: string;
};

/** An interservice call: one service asks another for data it no longer reads itself. */
export type Call = { readonly type: 'call'; readonly request: string };
export type Reply = {
  readonly type: 'reply';
  readonly request: string;
  readonly ok: boolean;
  readonly rows: number;
  readonly error?: string;
};

export type MoveSchema = { readonly type: 'move-schema'; readonly schema: string; readonly service: AppService; readonly to: DatabaseName };
export type LoadSchema = {
  readonly type: 'load-schema';
  readonly schema: string;
  readonly service: AppService;
  readonly script: string;
  readonly rows: Readonly<Record<string, number>>;
};
export type SwitchDatabase = { readonly type: 'switch-database'; readonly database: DatabaseName };

type AppInbox = Run | Call | Result | Reply | SwitchDatabase;
type DatabaseInbox = Query | MoveSchema | LoadSchema;

/** The lab has no faults and no measures: the reader's own SQL is what changes it. */
export interface PullApart extends LabTypes {
  readonly inbox: {
    readonly 'support-desk': SendRequests;
    readonly ticket: AppInbox;
    readonly customer: AppInbox;
    readonly survey: AppInbox;
    readonly billing: AppInbox;
    readonly monolith: DatabaseInbox;
    readonly 'ticket-db': DatabaseInbox;
  };
  readonly faults: never;
  readonly facts: never;
}
