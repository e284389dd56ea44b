/**
 * The PGlite adapter. The same code runs in-process in Node (tests, bench) and inside a dedicated
 * Web Worker in the browser (see worker-entry.ts).
 */
import { PGlite, type Results } from '@electric-sql/pglite';
import { DataDirFS } from './data-dir-fs.ts';
import { mergeLayers, packLayer, unpackLayer, withoutReaderSettings, type DataLayer } from './data-files.ts';
import { capRows, MAX_COLUMNS } from './display-limits.ts';
import { postgresConfig } from './postgres-config.ts';
import { extensionsOf } from './postgres-extensions.ts';
import { postgresTypeName } from './postgres-types.ts';
import type { Database, QueryOptions, QueryResult, ResultSet, ServiceDatabaseSpec, Snapshot, SqlError } from './types.ts';

export interface PostgresAssets {
  /**
   * The data directory to start from, as packed layers (data-files.ts): the shared base, then the service's
   * build-time layer when there is one. Without layers PGlite runs initdb (about 3 s).
   */
  readonly layers?: readonly Uint8Array[];
  /** The instance may keep the layers' bytes as its files: they are a copy no one else reads. */
  readonly owned?: boolean;
  /** The compiled pglite.wasm, reused across instances. */
  readonly wasmModule?: WebAssembly.Module;
  /** pglite.data, which an instance keeps as its files: the first instance takes it, later ones copy it. */
  readonly fsBundle?: ArrayBuffer;
  /** PGlite options for building the base cluster (initdb's parameters). */
  readonly initdb?: readonly string[];
  /** Receives the data directory after a clean shutdown (close): how build-time snapshots are taken. */
  readonly onShutdown?: (files: DataLayer) => void;
}

const LEFT_OPEN = 'A transaction was left open; it was rolled back, because every run starts clean.';

/** Minimum memory per instance that PGlite accepts (DESIGN.md §8). */
const INITIAL_MEMORY = 128 * 1024 * 1024;

export async function openPostgres(spec: ServiceDatabaseSpec, assets: PostgresAssets, setup: boolean): Promise<Database> {
  const db = new PostgresDatabase(await createPGlite(spec, assets), spec, assets, setup);
  if (setup) await db.setup();
  return db;
}

const keptBundles = new WeakSet<ArrayBuffer>();

/** An instance keeps pglite.data's bytes as its files: the first one may have them, later ones get a copy. */
function ownCopy(bundle: ArrayBuffer | undefined): ArrayBuffer | undefined {
  if (!bundle || !keptBundles.has(bundle)) {
    if (bundle) keptBundles.add(bundle);
    return bundle;
  }
  return bundle.slice(0);
}

function createPGlite(spec: ServiceDatabaseSpec, assets: PostgresAssets, start?: DataLayer): Promise<PGlite> {
  const layers = assets.layers?.map(unpackLayer);
  const first = start ?? (layers && layers.length > 0 ? mergeLayers(layers) : undefined);
  const files = first && withoutReaderSettings(first);
  return PGlite.create({
    initialMemory: INITIAL_MEMORY,
    // The whole configuration every time: PGlite writes it over postgresql.conf.
    postgresqlconf: postgresConfig(spec.settings),
    ...(spec.extensions?.length ? { extensions: extensionsOf(spec.extensions) } : {}),
    fs: new DataDirFS({
      ...(files ? { start: files } : {}),
      owned: start !== undefined || assets.owned === true,
      ...(assets.onShutdown ? { onClosed: assets.onShutdown } : {}),
    }),
    ...(assets.initdb ? { initDbStartParams: [...assets.initdb] } : {}),
    ...(assets.wasmModule ? { pgliteWasmModule: assets.wasmModule } : {}),
    // PGlite only calls arrayBuffer() on it; a Blob would be read (and copied) once more.
    ...(assets.fsBundle ? { fsBundle: { arrayBuffer: () => Promise.resolve(ownCopy(assets.fsBundle)) } as Blob } : {}),
  });
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  #pg: PGlite;
  readonly #spec: ServiceDatabaseSpec;
  readonly #assets: PostgresAssets;
  /** Whether the first state needs the setup SQL on top of the assets' files. */
  readonly #setup: boolean;

  constructor(pg: PGlite, spec: ServiceDatabaseSpec, assets: PostgresAssets, setup: boolean) {
    this.#pg = pg;
    this.#spec = spec;
    this.#assets = assets;
    this.#setup = setup;
  }

  async setup() {
    const result = await this.query(this.#spec.setupSql);
    if (!result.ok) throw new Error(`setup SQL failed: ${result.error.code} ${result.error.message}`);
  }

  async restore(snapshot: Snapshot) {
    // The new instance keeps these bytes as its files and writes to them: it gets a copy, the snapshot stays as taken.
    const files = unpackLayer(snapshot.bytes.slice());
    await this.close();
    this.#pg = await createPGlite(this.#spec, this.#assets, files);
  }

  async reopen() {
    // Files handed over for keeps have been written to since: only whoever kept the original can start again.
    if (this.#assets.owned) throw new Error('this database owned its first files; reopen it where they came from');
    await this.close();
    this.#pg = await createPGlite(this.#spec, this.#assets);
    if (this.#setup) await this.setup();
  }

  async query(sql: string, params?: readonly unknown[], options: QueryOptions = {}): Promise<QueryResult> {
    const started = performance.now();
    // A transaction someone holds open (a reader's, between console runs) is theirs to end, never ours.
    const held = this.#pg.isInTransaction();
    const keep = held || options.keepTransaction === true;
    const open = () => (options.keepTransaction === true ? { transactionOpen: this.#pg.isInTransaction() } : {});
    try {
      const raw: Results<unknown[]>[] = params
        ? [await this.#pg.query<unknown[]>(sql, [...params], { rowMode: 'array' })]
        : ((await this.#pg.exec(sql, { rowMode: 'array' })) as Results<unknown[]>[]);
      const results = raw.map(toResultSet);
      const leftOpen = !keep && (await this.#rollbackIfLeftOpen());
      const durationMs = performance.now() - started;
      if (leftOpen) {
        const last = results.at(-1);
        const notice = LEFT_OPEN;
        if (last) results[results.length - 1] = { ...last, notice: last.notice ? `${last.notice}; ${notice}` : notice };
      }
      return { ok: true, results, durationMs, ...open() };
    } catch (error) {
      if (!keep) await this.#rollbackIfLeftOpen();
      return { ok: false, error: toSqlError(error), durationMs: performance.now() - started, ...open() };
    }
  }

  /** The files as they are: starting from them replays the WAL since the last checkpoint, as after a crash. */
  snapshot() {
    const fs = this.#pg.fs;
    if (!(fs instanceof DataDirFS)) throw new Error('the database was not opened with a data-directory file system');
    return Promise.resolve({ kind: 'postgres' as const, bytes: packLayer(fs.read()) });
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
