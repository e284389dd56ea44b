/** Opens a service's database with the engine its spec names. Imports each engine only when needed. */
import type { Database, ServiceDatabaseSpec } from './types.ts';

export interface EngineAssets {
  /**
   * Postgres: the data directory to start from, as packed layers (the shared base, then the service's
   * build-time layer), see data-files.ts. Without them PGlite runs initdb.
   */
  readonly postgresLayers?: readonly Uint8Array[];
  /** The layers are this database's own copy (transferred to its worker): it may keep their bytes as its files. */
  readonly ownsLayers?: boolean;
  /** SQLite: the database file. */
  readonly sqliteFile?: Uint8Array;
  readonly pgliteModule?: WebAssembly.Module;
  /** pglite.data; the instance keeps it as its files, so each gets its own (a worker gets a copy by cloning). */
  readonly pgliteFsBundle?: ArrayBuffer;
  readonly sqliteWasm?: ArrayBuffer;
}

/**
 * `setup` runs the spec's schema and seed: true when starting from an empty engine (or the shared
 * base cluster), false when starting from the service's own snapshot.
 */
export async function openDatabase(spec: ServiceDatabaseSpec, assets: EngineAssets, setup: boolean): Promise<Database> {
  if (spec.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(
      spec,
      {
        ...(assets.postgresLayers ? { layers: assets.postgresLayers } : {}),
        ...(assets.ownsLayers ? { owned: true } : {}),
        ...(assets.pgliteModule ? { wasmModule: assets.pgliteModule } : {}),
        ...(assets.pgliteFsBundle ? { fsBundle: assets.pgliteFsBundle } : {}),
      },
      setup,
    );
  }
  const { openSqlite } = await import('./sqlite.ts');
  return openSqlite(
    spec,
    {
      ...(assets.sqliteFile ? { file: assets.sqliteFile } : {}),
      ...(assets.sqliteWasm ? { wasmBinary: assets.sqliteWasm } : {}),
    },
    setup,
  );
}
