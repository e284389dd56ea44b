/** The messages of the schema-blast-radius lab. */
import type { Layout } from './layout.ts';

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

/** The database's answer: rows, or Postgres's error with its code and position. */
export type QueryReply = {
  readonly type: 'result';
  readonly layout: Layout;
  readonly query: string;
  readonly ok: boolean;
  readonly rows?: number;
  readonly code?: string;
  readonly message?: string;
  readonly position?: number;
};
