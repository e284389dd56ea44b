/**
 * Engines in-process for Node (tests, docs-as-tests, build scripts). It compiles pglite.wasm once and starts
 * every Postgres service as the browser does: from the shared base cluster plus the service's build-time layer
 * (public/snapshots/). Either is made here when the build has not written it yet (a fresh checkout's first
 * test run) and saved there, for the next test process and for the build.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { packLayer } from './data-files.ts';
import { openDatabase } from './open-database.ts';
import { createBaseCluster, createServiceLayer } from './postgres-snapshots.ts';
import { baseFile, serviceFile, serviceKey, SNAPSHOT_DIR } from './snapshot-keys.ts';
import type { Database, ServiceDatabaseSpec } from './types.ts';

const require = createRequire(import.meta.url);

/** public/snapshots/ of this checkout. */
export const snapshotDir = new URL(`../../../public/${SNAPSHOT_DIR}/`, import.meta.url);

export function pgliteVersion(): string {
  // The package does not export its package.json; it sits one level above the entry point (dist/).
  const manifest = new URL('../package.json', pathToFileURL(require.resolve('@electric-sql/pglite')));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

interface NodeEngineFiles {
  readonly wasmModule: WebAssembly.Module;
  readonly fsBundle: ArrayBuffer;
}

let engine: Promise<NodeEngineFiles> | undefined;
let base: Promise<Uint8Array> | undefined;
const layers = new Map<string, Promise<Uint8Array>>();

export function loadEngine(): Promise<NodeEngineFiles> {
  engine ??= (async () => {
    const [wasm, data] = await Promise.all([
      readFile(require.resolve('@electric-sql/pglite/pglite.wasm')),
      readFile(require.resolve('@electric-sql/pglite/pglite.data')),
    ]);
    return { wasmModule: await WebAssembly.compile(wasm), fsBundle: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) };
  })();
  return engine;
}

/** Writes through a temporary name, so that a process reading at the same time never sees half a file. */
export function writeAtomically(url: URL, bytes: Uint8Array) {
  mkdirSync(new URL('.', url), { recursive: true });
  const temporary = new URL(`${url.pathname.split('/').pop() ?? 'file'}.${process.pid}.tmp`, url);
  writeFileSync(temporary, bytes);
  renameSync(temporary, url);
}

/** The packed base cluster, from public/snapshots/ or made now (and saved there). */
export function loadBaseCluster(): Promise<Uint8Array> {
  base ??= (async () => {
    const file = new URL(baseFile(pgliteVersion()), snapshotDir);
    if (existsSync(file)) return new Uint8Array(gunzipSync(readFileSync(file)));
    const { wasmModule, fsBundle } = await loadEngine();
    const packed = packLayer(await createBaseCluster({ wasmModule, fsBundle }));
    writeAtomically(file, gzipSync(packed));
    return packed;
  })();
  return base;
}

/**
 * The packed build-time layer of a service: the one the build wrote for exactly this spec, or made now (its
 * setup SQL on the base, then a clean shutdown) and saved for the next process and the next build.
 */
export function loadServiceLayer(spec: ServiceDatabaseSpec): Promise<Uint8Array> {
  const key = serviceKey(pgliteVersion(), spec);
  let layer = layers.get(key);
  if (!layer) {
    layer = (async () => {
      const file = new URL(serviceFile(key), snapshotDir);
      if (existsSync(file)) return new Uint8Array(gunzipSync(readFileSync(file)));
      const packed = packLayer(await createServiceLayer(await loadBaseCluster(), spec, await loadEngine()));
      writeAtomically(file, gzipSync(packed, { level: 9 }));
      return packed;
    })();
    layers.set(key, layer);
    layer.catch(() => layers.delete(key));
  }
  return layer;
}

/**
 * Opens a service's database. `useSnapshot: false` ignores its build-time snapshot and runs the setup SQL on
 * the base, as a browser does when the snapshot is missing or stale.
 */
export async function openNodeDatabase(spec: ServiceDatabaseSpec, options: { readonly useSnapshot?: boolean } = {}): Promise<Database> {
  if (spec.kind === 'sqlite') return openDatabase(spec, {}, true);
  const [{ wasmModule, fsBundle }, baseLayer] = await Promise.all([loadEngine(), loadBaseCluster()]);
  const layer = options.useSnapshot === false ? undefined : await loadServiceLayer(spec);
  const postgresLayers = layer ? [baseLayer, layer] : [baseLayer];
  return openDatabase(spec, { postgresLayers, pgliteModule: wasmModule, pgliteFsBundle: fsBundle }, !layer);
}
