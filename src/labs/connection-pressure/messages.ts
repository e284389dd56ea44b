/** What users, application instances and databases say to each other in the connection-pressure lab. */
import type { Layout } from '../ticket-system/layout.ts';
import type { AppService } from '../ticket-system/queries.ts';

export type Burst = { readonly type: 'burst'; readonly layout: Layout };

export type Request = { readonly type: 'request'; readonly layout: Layout; readonly id: string };

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

/** What a user finally gets back for a request. */
export type Response = {
  readonly type: 'response';
  readonly layout: Layout;
  readonly requestId: string;
  readonly service: AppService;
  readonly instance: string;
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
};
