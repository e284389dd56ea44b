/**
 * The PGlite adapter. The same code runs in-process in Node (tests, bench) and inside a dedicated
 * Web Worker in the browser (see worker-entry.ts).
 */
import { PGlite, type Results } from '@electric-sql/pglite';
import { capRows, MAX_COLUMNS } from './display-limits.ts';
import { postgresTypeName } from './postgres-types.ts';
import type { Database, QueryResult, ResultSet, ServiceDatabaseSpec, Snapshot, SqlError } from './types.ts';

export interface PostgresAssets {
  /** A data directory to start from instead of running initdb (about 3 s). */
  readonly dataDir?: Blob;
  /** The compiled pglite.wasm, reused across instances. */
  readonly wasmModule?: WebAssembly.Module;
  readonly fsBundle?: Blob;
}

const LEFT_OPEN = 'A transaction was left open; it was rolled back, because every run starts clean.';

/** Minimum memory per instance that PGlite accepts (DESIGN.md §8). */
const INITIAL_MEMORY = 128 * 1024 * 1024;

export async function openPostgres(spec: ServiceDatabaseSpec, assets: PostgresAssets, setup: boolean): Promise<Database> {
  const pg = await createPGlite(spec, assets);
  const db = new PostgresDatabase(pg, spec, assets);
  if (setup) {
    const result = await db.query(spec.setupSql);
    if (!result.ok) throw new Error(`setup SQL failed: ${result.error.code} ${result.error.message}`);
  }
  return db;
}

async function createPGlite(spec: ServiceDatabaseSpec, assets: PostgresAssets): Promise<PGlite> {
  return PGlite.create({
    initialMemory: INITIAL_MEMORY,
    ...(spec.settings ? { postgresqlconf: [...spec.settings] } : {}),
    ...(assets.dataDir ? { loadDataDir: assets.dataDir } : {}),
    ...(assets.wasmModule ? { pgliteWasmModule: assets.wasmModule } : {}),
    ...(assets.fsBundle ? { fsBundle: assets.fsBundle } : {}),
  });
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  #pg: PGlite;
  readonly #spec: ServiceDatabaseSpec;
  readonly #assets: PostgresAssets;

  constructor(pg: PGlite, spec: ServiceDatabaseSpec, assets: PostgresAssets) {
    this.#pg = pg;
    this.#spec = spec;
    this.#assets = assets;
  }

  async restore(snapshot: Snapshot) {
    await this.close();
    this.#pg = await createPGlite(this.#spec, { ...this.#assets, dataDir: snapshot.bytes });
  }

  async query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    const started = performance.now();
    try {
      const raw: Results<unknown[]>[] = params
        ? [await this.#pg.query<unknown[]>(sql, [...params], { rowMode: 'array' })]
        : ((await this.#pg.exec(sql, { rowMode: 'array' })) as Results<unknown[]>[]);
      const results = raw.map(toResultSet);
      const leftOpen = await this.#rollbackIfLeftOpen();
      const durationMs = performance.now() - started;
      if (leftOpen) {
        const last = results.at(-1);
        const notice = LEFT_OPEN;
        if (last) results[results.length - 1] = { ...last, notice: last.notice ? `${last.notice}; ${notice}` : notice };
      }
      return { ok: true, results, durationMs };
    } catch (error) {
      await this.#rollbackIfLeftOpen();
      return { ok: false, error: toSqlError(error), durationMs: performance.now() - started };
    }
  }

  async snapshot(options?: { readonly compact?: boolean }) {
    return { kind: 'postgres' as const, bytes: await this.#pg.dumpDataDir(options?.compact ? 'gzip' : 'none') };
  }

  async close() {
    if (!this.#pg.closed) await this.#pg.close();
  }

  /** A batch that ends inside BEGIN (or fails inside one) would swallow the next caller's statements. */
  async #rollbackIfLeftOpen(): Promise<boolean> {
    if (!this.#pg.isInTransaction()) return false;
    await this.#pg.exec('ROLLBACK');
    return true;
  }
}

function toResultSet(result: Results<unknown[]>): ResultSet {
  const { rows, notice } = capRows(result.rows);
  const fields = result.fields.slice(0, MAX_COLUMNS).map((f) => ({ name: f.name, type: postgresTypeName(f.dataTypeID) }));
  const command = fields.length > 0 ? 'SELECT' : '';
  return { command, fields, rows, affectedRows: result.affectedRows ?? 0, ...(notice ? { notice } : {}) };
}

function toSqlError(error: unknown): SqlError {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const e = error as Error & { code: string; position?: string; detail?: string; hint?: string };
    const position = e.position ? Number(e.position) : undefined;
    return {
      message: e.message,
      code: e.code,
      ...(position !== undefined && Number.isFinite(position) ? { position } : {}),
      ...(e.detail ? { detail: e.detail } : {}),
      ...(e.hint ? { hint: e.hint } : {}),
    };
  }
  // Anything else is not a SQL error but a broken engine: let it surface as a bug.
  throw error;
}
