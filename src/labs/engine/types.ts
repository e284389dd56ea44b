/**
 * The one database interface every lab talks to, whatever the engine and wherever it runs
 * (in-process in Node, or behind a dedicated Web Worker in the browser).
 *
 * SQL errors are values, never exceptions: a reader's broken statement is an expected outcome.
 * Exceptions are reserved for bugs and for a database that is gone.
 */

export type EngineKind = 'postgres' | 'sqlite';

/** The PGlite contrib extensions a service may load (see engine/postgres-extensions.ts). */
export type PostgresExtension = 'cube' | 'pg_walinspect' | 'pgcrypto';

export interface Field {
  readonly name: string;
  /** Engine type name when known (`int4`, `text`…); empty when the engine does not say. */
  readonly type: string;
}

/** One statement's rows, already capped for display. Cells are plain JSON values or strings. */
export interface ResultSet {
  readonly command: string;
  readonly fields: readonly Field[];
  readonly rows: readonly (readonly Cell[])[];
  readonly affectedRows: number;
  /** Set when rows or cells were cut for display; says what was cut. */
  readonly notice?: string;
}

export type Cell = string | number | boolean | null;

/** A parameter value both engines accept. */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlError {
  readonly message: string;
  /** SQLSTATE for Postgres (`55P03`), the SQLite result name for sql.js (`SQLITE_CONSTRAINT`). */
  readonly code: string;
  /** 1-based character offset into the submitted text, when the engine reports one. */
  readonly position?: number;
  readonly detail?: string;
  readonly hint?: string;
}

/**
 * `transactionOpen` is set when the statement was run with `keepTransaction` and a transaction is still open on
 * the connection after it (begun by it, or before it).
 */
export type QueryResult =
  | { readonly ok: true; readonly results: readonly ResultSet[]; readonly durationMs: number; readonly transactionOpen?: boolean }
  | { readonly ok: false; readonly error: SqlError; readonly durationMs: number; readonly transactionOpen?: boolean };

export interface QueryOptions {
  /**
   * Leave a transaction the statement opened (`BEGIN` without `COMMIT`) open for the next statement: a reader's
   * console may hold one between runs. Without it, a batch that opens a transaction and leaves it open is rolled
   * back, so that it cannot swallow the next caller's statements. A transaction that was already open before the
   * statement is never ended by the adapter, with or without this option.
   */
  readonly keepTransaction?: boolean;
}

export interface Database {
  readonly kind: EngineKind;
  /**
   * Runs one statement with parameters, or (without parameters) a script of several statements.
   * A script runs as the engine runs a simple-protocol batch: one implicit transaction unless it
   * says otherwise.
   */
  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult>;
  /** A copy of the whole database, from which `restore` (or a new instance) starts again. */
  snapshot(): Promise<Snapshot>;
  /** Replaces the whole database with a snapshot's contents (rewind, reset). */
  restore(snapshot: Snapshot): Promise<void>;
  /**
   * Starts again from the service's first state in a new instance: its build-time snapshot, or the base and
   * its setup SQL. What the watchdog and a rewind fall back to when no later snapshot or SQL reset serves.
   */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

/** An opaque copy of a database's files. Postgres: a packed data directory (data-files.ts). SQLite: the file. */
export interface Snapshot {
  readonly kind: EngineKind;
  /** Plain bytes, never a Blob: a Blob made in a worker can become unreadable once that worker is gone. */
  readonly bytes: Uint8Array;
}

export interface ServiceDatabaseSpec {
  readonly kind: EngineKind;
  /** Postgres settings passed at start, e.g. `max_prepared_transactions=10`. */
  readonly settings?: readonly string[];
  /**
   * Postgres extensions whose files the instance loads at every start, so that the setup SQL can
   * `CREATE EXTENSION` them (the catalog entry is in the snapshot; the code is not).
   */
  readonly extensions?: readonly PostgresExtension[];
  /** Schema and seed data, run once when the service's database is first created. */
  readonly setupSql: string;
}

/** Boot progress as data, so the UI can draw a bar: `value` runs from 0 to 1. */
export interface BootProgress {
  readonly value: number;
  readonly text: string;
}
