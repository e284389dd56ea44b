/**
 * Engines in-process for Node (tests, docs-as-tests, bench). It compiles pglite.wasm once and keeps one
 * empty base cluster in memory, so each new database starts from a snapshot (about 0.4 s) instead of
 * running initdb (about 2-3 s), as the browser does.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openDatabase } from './open-database.ts';
import type { Database, ServiceDatabaseSpec } from './types.ts';

const require = createRequire(import.meta.url);
let base: Promise<{ module: WebAssembly.Module; dataDir: Blob }> | undefined;

/** The empty cluster every Postgres service starts from; scripts/build-snapshots.ts writes the same for the browser. */
export async function createBaseCluster(): Promise<Blob> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create();
  const dump = await pg.dumpDataDir('gzip');
  await pg.close();
  return dump;
}

function loadBase() {
  base ??= (async () => {
    const wasmPath = require.resolve('@electric-sql/pglite/pglite.wasm');
    const module = await WebAssembly.compile(await readFile(wasmPath));
    return { module, dataDir: await createBaseCluster() };
  })();
  return base;
}

export async function openNodeDatabase(spec: ServiceDatabaseSpec): Promise<Database> {
  if (spec.kind === 'sqlite') return openDatabase(spec, {}, true);
  const { module, dataDir } = await loadBase();
  return openDatabase(spec, { start: dataDir, pgliteModule: module }, true);
}

/** Reopens a database from one of its own snapshots, as the watchdog and rewind do. */
export async function reopenNodeDatabase(spec: ServiceDatabaseSpec, start: Blob): Promise<Database> {
  if (spec.kind === 'sqlite') return openDatabase(spec, { start }, false);
  const { module } = await loadBase();
  return openDatabase(spec, { start, pgliteModule: module }, false);
}
