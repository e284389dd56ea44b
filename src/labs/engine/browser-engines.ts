/**
 * Starts services' databases in the browser: each in its own dedicated worker, all from the same downloaded
 * and compiled engine files. Postgres services start from their build-time snapshot (the shared base cluster
 * plus the files their setup SQL wrote, see scripts/build-snapshots.ts); one without a current snapshot starts
 * from the base and runs its setup SQL. Progress is reported as data for a progress bar.
 *
 * `prewarmBrowserDatabases` does everything that does not depend on the reader's Start (downloads, compiling,
 * unpacking, starting workers and loading the engine's code in them) once a lab is about to be seen.
 *
 * This file is the browser's counterpart of node-engines.ts and the only engine file that knows about
 * Vite's asset URLs.
 */
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import sqliteWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { EngineAssets } from './open-database.ts';
import { MANIFEST_FILE, SNAPSHOT_DIR, snapshotFor, type SnapshotManifest } from './snapshot-keys.ts';
import type { BootProgress, EngineKind, ServiceDatabaseSpec } from './types.ts';
import { WorkerDatabase, type WorkerDatabaseOptions, type WorkerStart } from './worker-database.ts';
import type { WorkerPort } from './worker-protocol.ts';

/**
 * The same file PGlite's own code asks for with `new URL('…/pglite.wasm', import.meta.url)`: written this way
 * (not as a `?url` import) the build emits it once.
 */
const pgliteWasmUrl = new URL('../../../node_modules/@electric-sql/pglite/dist/pglite.wasm', import.meta.url).href;
const snapshotsUrl = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${SNAPSHOT_DIR}/`;
const PGLITE_VERSION = import.meta.env['PGLITE_VERSION'] as string | undefined;

type Report = (progress: BootProgress) => void;

/**
 * Downloads `url`, counting bytes as they arrive. When the server compressed the response, its length
 * counts compressed bytes while the stream yields unpacked ones, so the total is then unknown (0).
 */
async function download(url: string, onBytes: (received: number, total: number) => void): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const encoded = response.headers.get('content-encoding') !== null;
  const total = encoded ? 0 : Number(response.headers.get('content-length') ?? 0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onBytes(received, total);
  }
  return new Blob(chunks as BlobPart[]);
}

/** Unpacks a gzipped file, unless the server already sent it with `Content-Encoding: gzip`. */
async function gunzip(blob: Blob): Promise<Uint8Array> {
  const magic = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const plain =
    magic[0] === 0x1f && magic[1] === 0x8b ? await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob() : blob;
  return new Uint8Array(await plain.arrayBuffer());
}

/** The build's snapshot list, or none when it is missing or was made for another PGlite. */
async function loadManifest(): Promise<SnapshotManifest | undefined> {
  try {
    const response = await fetch(snapshotsUrl + MANIFEST_FILE, { cache: 'no-cache' });
    if (!response.ok) return undefined;
    const manifest = (await response.json()) as SnapshotManifest;
    return manifest.pglite === PGLITE_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

interface PostgresEngine {
  readonly module: WebAssembly.Module;
  readonly fsBundle: ArrayBuffer;
  /** The packed base cluster; absent when the build wrote none (each service then runs initdb). */
  readonly base: Uint8Array | undefined;
  readonly manifest: SnapshotManifest | undefined;
}

let postgres: Promise<PostgresEngine> | undefined;
let sqlite: Promise<ArrayBuffer> | undefined;
/** Progress listeners of whoever waits for the Postgres files (a prewarm has none; a Start has one). */
const listeners = new Set<Report>();

function loadPostgres(): Promise<PostgresEngine> {
  postgres ??= (async () => {
    // compileStreaming on the real response lets the browser reuse its cached machine code on later
    // visits, which compiling from an ArrayBuffer does not. Progress counts the two data files.
    const module = WebAssembly.compileStreaming(fetch(pgliteWasmUrl));
    const manifest = await loadManifest();
    const files = [pgliteDataUrl, ...(manifest ? [snapshotsUrl + manifest.base] : [])];
    const received = new Map<string, [number, number]>();
    let lastReport = 0;
    const onBytes = (url: string) => (got: number, total: number) => {
      received.set(url, [got, total]);
      // A report re-renders the progress bar: a few per second are plenty, one per network chunk is not.
      const now = performance.now();
      if (now - lastReport < 100) return;
      lastReport = now;
      let sum = 0;
      let size = 0;
      for (const [g, t] of received.values()) {
        sum += g;
        size += t;
      }
      const mb = (n: number) => (n / 1_048_576).toFixed(1);
      const known = size >= sum && size > 0;
      const progress = {
        value: known ? (sum / size) * 0.6 : 0.3,
        text: known ? `Loading Postgres: ${mb(sum)} of ${mb(size)} MB` : `Loading Postgres: ${mb(sum)} MB`,
      };
      for (const report of listeners) report(progress);
    };
    const [fsBundle, base] = await Promise.all(files.map((url) => download(url, onBytes(url))));
    if (!fsBundle) throw new Error('could not load Postgres');
    for (const report of listeners) report({ value: 0.6, text: 'Compiling Postgres' });
    return {
      module: await module,
      fsBundle: await fsBundle.arrayBuffer(),
      base: base ? await gunzip(base) : undefined,
      manifest,
    };
  })();
  postgres.catch(() => (postgres = undefined));
  return postgres;
}

function loadSqlite(): Promise<ArrayBuffer> {
  sqlite ??= (async () => {
    const response = await fetch(sqliteWasmUrl);
    if (!response.ok) throw new Error(`could not load SQLite: HTTP ${response.status}`);
    return response.arrayBuffer();
  })();
  sqlite.catch(() => (sqlite = undefined));
  return sqlite;
}

const layers = new Map<string, Promise<Uint8Array | undefined>>();

/** A service's build-time layer, when the build wrote one for exactly this spec; else it runs its setup SQL. */
function serviceLayer(engine: PostgresEngine, spec: ServiceDatabaseSpec): Promise<Uint8Array | undefined> {
  const file = engine.base ? snapshotFor(engine.manifest, PGLITE_VERSION, spec) : undefined;
  if (!file) return Promise.resolve(undefined);
  let layer = layers.get(file);
  if (!layer) {
    layer = fetch(snapshotsUrl + file)
      .then(async (r) => (r.ok ? gunzip(await r.blob()) : undefined))
      .catch(() => undefined);
    layers.set(file, layer);
  }
  return layer;
}

function createWorker(): WorkerPort {
  return new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;
}

/** Workers started ahead of Start, with their engine's code loaded, waiting for a database. */
const spareWorkers: Record<EngineKind, WorkerPort[]> = { postgres: [], sqlite: [] };

function startSpareWorker(kind: EngineKind) {
  const port = createWorker();
  // The reply needs no handling: the worker handles requests in order, so `open` waits for the load anyway.
  port.postMessage({ id: 0, op: 'load', kind });
  spareWorkers[kind].push(port);
}

export interface BrowserServiceSpec {
  readonly name: string;
  readonly label: string;
  readonly spec: ServiceDatabaseSpec;
}

/**
 * Everything a lab's Start would wait for that does not need the reader: engine files downloaded and compiled,
 * snapshots unpacked, one worker per service started with its engine's code loaded. No database starts.
 */
export function prewarmBrowserDatabases(services: readonly BrowserServiceSpec[]) {
  const wanted: Record<EngineKind, number> = { postgres: 0, sqlite: 0 };
  for (const s of services) wanted[s.spec.kind]++;
  for (const kind of ['postgres', 'sqlite'] as const) {
    if (wanted[kind] === 0) continue;
    if (kind === 'postgres') {
      void loadPostgres().then(
        (engine) => Promise.all(services.filter((s) => s.spec.kind === 'postgres').map((s) => serviceLayer(engine, s.spec))),
        () => undefined,
      );
    } else {
      void loadSqlite().catch(() => undefined);
    }
    for (let i = spareWorkers[kind].length; i < wanted[kind]; i++) startSpareWorker(kind);
  }
}

/** The first state of a service: the engine's files and its data, freshly copied for each worker. */
async function firstState(service: BrowserServiceSpec): Promise<{ engine: () => EngineAssets; start: () => WorkerStart }> {
  if (service.spec.kind === 'sqlite') {
    const wasm = await loadSqlite();
    const engine = () => ({ sqliteWasm: wasm });
    return { engine, start: () => ({ assets: engine(), transfer: [], setup: true }) };
  }
  const pg = await loadPostgres();
  const layer = await serviceLayer(pg, service.spec);
  // ArrayBuffers, not Blobs: a worker reads a Blob asynchronously, tens of ms for these sizes. The data
  // directory is copied for each worker and handed over (transfer), since the worker keeps it as its files.
  const engine = () => ({ pgliteModule: pg.module, pgliteFsBundle: pg.fsBundle });
  return {
    engine,
    start: () => {
      const copies = [pg.base, layer].flatMap((l) => (l ? [l.slice()] : []));
      return { assets: { ...engine(), postgresLayers: copies, ownsLayers: true }, transfer: copies.map((c) => c.buffer), setup: !layer };
    },
  };
}

/** Runs `work` on each item, at most `limit` at a time, in the items' order. */
async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Boots every service's database; resolves when all are ready. Services start in the order the lab shows them,
 * as many at a time as there are cores, so the first ones the reader sees are ready first.
 */
export async function openBrowserDatabases(
  services: readonly BrowserServiceSpec[],
  options: {
    readonly limitMs: number;
    readonly report: Report;
    readonly onRestore: (service: string, event: Parameters<NonNullable<WorkerDatabaseOptions['onRestore']>>[0]) => void;
  },
): Promise<Map<string, WorkerDatabase>> {
  options.report({ value: 0, text: 'Loading the database engines' });
  listeners.add(options.report);
  let ready = 0;
  try {
    const states = await Promise.all(services.map(firstState));
    options.report({ value: 0.6, text: 'Starting the databases' });
    const cores = Math.max(2, globalThis.navigator?.hardwareConcurrency ?? 2);
    const opened = await inOrder(services, cores, async (service) => {
      const { engine, start } = states[services.indexOf(service)]!;
      const worker = spareWorkers[service.spec.kind].shift();
      const db = await WorkerDatabase.open({
        label: service.label,
        spec: service.spec,
        engine: engine(),
        firstState: start,
        createWorker,
        ...(worker ? { worker } : {}),
        limitMs: options.limitMs,
        onRestore: (event) => options.onRestore(service.name, event),
      });
      ready++;
      options.report({ value: 0.6 + (0.4 * ready) / services.length, text: `${ready} of ${services.length} services ready` });
      return [service.name, db] as const;
    });
    return new Map(opened);
  } finally {
    listeners.delete(options.report);
  }
}
