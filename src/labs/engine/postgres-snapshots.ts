/**
 * Makes the data directories services start from, in Node: at build time (scripts/build-snapshots.ts) and in
 * tests when the build has not written them yet.
 *
 * The base is an empty cluster, shut down cleanly so that starting from it needs no crash recovery, with
 * one-megabyte WAL segments, without the template databases (a lab never creates a database: a service's
 * database is its whole instance) and trimmed of what Postgres rebuilds on its own. A service's layer is what
 * its setup SQL changes in that base, again after a clean shutdown.
 */
import { diffLayers, mergeLayers, trimDataDir, unpackLayer, type DataLayer } from './data-files.ts';
import { openPostgres, type PostgresAssets } from './postgres.ts';
import type { ServiceDatabaseSpec } from './types.ts';

type EngineFiles = Pick<PostgresAssets, 'wasmModule' | 'fsBundle'>;

/** Opens, works, closes cleanly and returns the trimmed data directory the shutdown left. */
async function shutDown(
  spec: ServiceDatabaseSpec,
  assets: PostgresAssets,
  setup: boolean,
  work: (db: Awaited<ReturnType<typeof openPostgres>>) => Promise<void>,
): Promise<DataLayer> {
  let files: DataLayer | undefined;
  const db = await openPostgres(spec, { ...assets, onShutdown: (f) => (files = f) }, setup);
  try {
    await work(db);
  } finally {
    await db.close();
  }
  if (!files) throw new Error('Postgres closed without leaving its data directory');
  return trimDataDir(files);
}

export async function createBaseCluster(engine: EngineFiles = {}): Promise<DataLayer> {
  const spec: ServiceDatabaseSpec = { kind: 'postgres', setupSql: '' };
  return shutDown(spec, { ...engine, initdb: ['--wal-segsize=1'] }, false, async (db) => {
    const run = async (sql: string) => {
      const result = await db.query(sql);
      if (!result.ok) throw new Error(`${sql}: ${result.error.message}`);
    };
    await run("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
    await run('DROP DATABASE template0');
    await run('DROP DATABASE template1');
  });
}

/** The layer a service's setup SQL adds to the base (packed base in, layer out). */
export async function createServiceLayer(base: Uint8Array, spec: ServiceDatabaseSpec, engine: EngineFiles = {}): Promise<DataLayer> {
  const after = await shutDown(spec, { ...engine, layers: [base] }, true, () => Promise.resolve());
  return diffLayers(mergeLayers([unpackLayer(base)]), after);
}
