/**
 * The sql.js (SQLite) adapter. Like the Postgres one, it runs in-process in Node and inside a
 * dedicated worker in the browser.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { capRows, MAX_COLUMNS, MAX_ROWS } from './display-limits.ts';
import type { Database, QueryOptions, QueryResult, ResultSet, ServiceDatabaseSpec, Snapshot, SqlError, SqlValue } from './types.ts';

export interface SqliteAssets {
  /** The database file to start from. */
  readonly file?: Uint8Array;
  /** The sql.js WebAssembly binary; Node finds its own when absent. */
  readonly wasmBinary?: ArrayBuffer;
}

const LEFT_OPEN = 'A transaction was left open; it was rolled back, because every run starts clean.';

let engine: Promise<SqlJsStatic> | undefined;

function loadEngine(wasmBinary?: ArrayBuffer): Promise<SqlJsStatic> {
  engine ??= initSqlJs(wasmBinary ? { wasmBinary } : {});
  return engine;
}

export async function openSqlite(spec: ServiceDatabaseSpec, assets: SqliteAssets, setup: boolean): Promise<Database> {
  const SQL = await loadEngine(assets.wasmBinary);
  const bytes = assets.file;
  const db = new SqliteDatabase(SQL, new SQL.Database(bytes), () => start(SQL, spec, bytes, setup));
  if (setup) await runSetup(db, spec);
  return db;
}

async function runSetup(db: Database, spec: ServiceDatabaseSpec) {
  const result = await db.query(spec.setupSql);
  if (!result.ok) throw new Error(`setup SQL failed: ${result.error.code} ${result.error.message}`);
}

/** A new database as the service first had it: from its file, then its setup SQL when it had no file. */
async function start(SQL: SqlJsStatic, spec: ServiceDatabaseSpec, bytes: Uint8Array | undefined, setup: boolean) {
  const db = new SQL.Database(bytes);
  if (setup) await runSetup(new SqliteDatabase(SQL, db, () => Promise.resolve(db)), spec);
  return db;
}

type SqlJsDatabase = InstanceType<SqlJsStatic['Database']>;

class SqliteDatabase implements Database {
  readonly kind = 'sqlite' as const;
  readonly #SQL: SqlJsStatic;
  #db: SqlJsDatabase;
  readonly #first: () => Promise<SqlJsDatabase>;

  constructor(SQL: SqlJsStatic, db: SqlJsDatabase, first: () => Promise<SqlJsDatabase>) {
    this.#SQL = SQL;
    this.#db = db;
    this.#first = first;
  }

  async reopen() {
    const db = await this.#first();
    this.#db.close();
    this.#db = db;
  }

  restore(snapshot: Snapshot) {
    this.#db.close();
    this.#db = new this.#SQL.Database(snapshot.bytes);
    return Promise.resolve();
  }

  query(sql: string, params?: readonly unknown[], options: QueryOptions = {}): Promise<QueryResult> {
    const started = performance.now();
    // A transaction someone holds open (a reader's, between console runs) is theirs to end, never ours.
    const keep = options.keepTransaction === true || this.#inTransaction();
    const open = () => (options.keepTransaction === true ? { transactionOpen: this.#inTransaction() } : {});
    // Where the statement being prepared or run starts, for the error's position.
    let from = 0;
    try {
      // Statement by statement, so that a query with no rows still has its columns and a change count is
      // the one of its own statement (sql.js's exec drops empty results and keeps the last count).
      const results: ResultSet[] = [];
      const statements = this.#db.iterateStatements(sql);
      for (;;) {
        from = sql.length - statements.getRemainingSQL().length;
        const next = statements.next();
        if (next.done) break;
        const statement = next.value;
        try {
          if (params) statement.bind(params as SqlValue[]);
          const columns = statement.getColumnNames();
          // Rows past the cap are counted, not kept: a reader's huge SELECT must not fill the worker's memory.
          const values: unknown[][] = [];
          let total = 0;
          while (statement.step()) if (total++ < MAX_ROWS) values.push(statement.get());
          if (columns.length > 0) {
            const { rows, notice } = capRows(values, total);
            results.push({
              command: 'SELECT',
              fields: columns.slice(0, MAX_COLUMNS).map((name) => ({ name, type: '' })),
              rows,
              affectedRows: 0,
              ...(notice ? { notice } : {}),
            });
          } else {
            results.push({ command: '', fields: [], rows: [], affectedRows: this.#db.getRowsModified() });
          }
        } finally {
          statement.free();
        }
      }
      if (results.length === 0) results.push({ command: '', fields: [], rows: [], affectedRows: 0 });
      if (!keep && this.#rollbackIfLeftOpen()) {
        const last = results[results.length - 1];
        if (last) results[results.length - 1] = { ...last, notice: LEFT_OPEN };
      }
      return Promise.resolve({ ok: true, results, durationMs: performance.now() - started, ...open() });
    } catch (error) {
      if (!keep) this.#rollbackIfLeftOpen();
      const failed = toSqlError(error);
      const position = errorPosition(sql, from, failed.message);
      return Promise.resolve({ ok: false, error: { ...failed, position }, durationMs: performance.now() - started, ...open() });
    }
  }

  snapshot() {
    return Promise.resolve({ kind: 'sqlite' as const, bytes: this.#db.export() });
  }

  close() {
    this.#db.close();
    return Promise.resolve();
  }

  /** sql.js exposes no "in transaction" flag: SQLite refuses a BEGIN inside one, and a BEGIN outside is undone. */
  #inTransaction(): boolean {
    try {
      this.#db.exec('BEGIN');
    } catch {
      return true;
    }
    this.#db.exec('ROLLBACK');
    return false;
  }

  /** sql.js exposes no "in transaction" flag, so this asks SQLite to roll back and reads its refusal. */
  #rollbackIfLeftOpen(): boolean {
    try {
      this.#db.exec('ROLLBACK');
      return true;
    } catch {
      return false; // "cannot rollback - no transaction is active": the normal case.
    }
  }
}

/**
 * A 1-based character position for a SQLite error, as Postgres gives one. sql.js does not pass on SQLite's own
 * error offset, so: the word a syntax error names (`near "FORM": syntax error`) where it stands in the failing
 * statement, or else the start of that statement.
 */
export function errorPosition(sql: string, from: number, message: string): number {
  let at = from;
  while (at < sql.length && /\s/.test(sql[at] ?? '')) at++;
  const near = /near "((?:[^"]|"")*)": syntax error/.exec(message)?.[1];
  if (near !== undefined) {
    const found = sql.indexOf(near, at);
    if (found >= 0) at = found;
  }
  return [...sql.slice(0, at)].length + 1;
}

/** SQLite has no SQLSTATE; the result-code name is the closest stable identifier a reader can look up. */
function toSqlError(error: unknown): SqlError {
  if (!(error instanceof Error)) throw error;
  const message = error.message;
  const code = /constraint failed/i.test(message)
    ? 'SQLITE_CONSTRAINT'
    : /database is locked/i.test(message)
      ? 'SQLITE_BUSY'
      : 'SQLITE_ERROR';
  return { message, code };
}
