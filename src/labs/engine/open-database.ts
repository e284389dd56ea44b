/** Opens a service's database with the engine its spec names. Imports each engine only when needed. */
import type { Database, ServiceDatabaseSpec } from './types.ts';

export interface EngineAssets {
  /** Postgres: a data directory to start from. SQLite: the database file. */
  readonly start?: Blob;
  readonly pgliteModule?: WebAssembly.Module;
  readonly pgliteFsBundle?: Blob;
  readonly sqliteWasm?: ArrayBuffer;
}

/**
 * `setup` runs the spec's schema and seed: true when starting from an empty engine (or the shared
 * base cluster), false when restoring a snapshot of this very service.
 */
export async function openDatabase(spec: ServiceDatabaseSpec, assets: EngineAssets, setup: boolean): Promise<Database> {
  if (spec.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(
      spec,
      {
        ...(assets.start ? { dataDir: assets.start } : {}),
        ...(assets.pgliteModule ? { wasmModule: assets.pgliteModule } : {}),
        ...(assets.pgliteFsBundle ? { fsBundle: assets.pgliteFsBundle } : {}),
      },
      setup,
    );
  }
  const { openSqlite } = await import('./sqlite.ts');
  return openSqlite(
    spec,
    { ...(assets.start ? { file: assets.start } : {}), ...(assets.sqliteWasm ? { wasmBinary: assets.sqliteWasm } : {}) },
    setup,
  );
}
