/** The messages of the schema-blast-radius lab, the facts its services record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { DatabaseName, Layout } from '../ticket-system/layout.ts';
import type { AppService } from '../ticket-system/queries.ts';

export const USERS = 'users';

/** The reader asks every service to serve its requests once, in one layout. */
export type RunRound = {
  readonly type: 'run';
  readonly layout: Layout;
};

/** Users ask one service to serve each of its requests. */
export type Serve = {
  readonly type: 'serve';
  readonly layout: Layout;
};

/** A service sends one of its queries to a database. */
export type QueryRequest = {
  readonly type: 'query';
  readonly layout: Layout;
  readonly query: string;
  readonly sql: string;
};

/** What a database answered to one query: rows, or Postgres's error with its code and position. */
export type Answer = {
  readonly layout: Layout;
  readonly query: string;
  readonly ok: boolean;
  readonly rows?: number;
  readonly code?: string;
  readonly message?: string;
  readonly position?: number;
};

export type QueryReply = { readonly type: 'result' } & Answer;

/** A service records each answer it gets; the measures show the latest one per query. */
export type AnswerFact = { readonly kind: 'answered' } & Answer;

export interface SchemaBlastRadius extends LabTypes {
  readonly inbox: { readonly [USERS]: RunRound } & Readonly<Record<AppService, Serve | QueryReply>> &
    Readonly<Record<DatabaseName, QueryRequest>>;
  readonly faults: never;
  readonly facts: AnswerFact;
}
