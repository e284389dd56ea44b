/**
 * Starts services' databases in the browser: each in its own dedicated worker, all from the same
 * downloaded and compiled engine files, in parallel. Progress is reported as data for a progress bar.
 *
 * This file is the browser's counterpart of node-engines.ts and the only engine file that knows about
 * Vite's asset URLs.
 */
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import sqliteWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { EngineAssets } from './open-database.ts';
import type { BootProgress, EngineKind, ServiceDatabaseSpec } from './types.ts';
import { WorkerDatabase, type WorkerDatabaseOptions } from './worker-database.ts';
import type { WorkerPort } from './worker-protocol.ts';

const baseClusterUrl = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}snapshots/postgres-base.tar.gz`;

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

/**
 * Unpacks the base cluster once on the page instead of once in every worker, which share two cores.
 * A server may already have sent it with `Content-Encoding: gzip`, in which case it arrives unpacked.
 */
async function gunzipOnce(blob: Blob): Promise<Blob> {
  const magic = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return blob;
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

const shared = new Map<EngineKind, Promise<EngineAssets>>();

/** Engine files for one kind, downloaded and compiled once per page. */
function engineAssets(kind: EngineKind, report: Report): Promise<EngineAssets> {
  let assets = shared.get(kind);
  if (!assets) {
    assets = kind === 'postgres' ? loadPostgresAssets(report) : loadSqliteAssets();
    shared.set(kind, assets);
    assets.catch(() => shared.delete(kind));
  }
  return assets;
}

async function loadPostgresAssets(report: Report): Promise<EngineAssets> {
  // compileStreaming on the real response lets the browser reuse its cached machine code on later
  // visits, which compiling from an ArrayBuffer does not. Progress counts the two data files.
  const module = WebAssembly.compileStreaming(fetch(pgliteWasmUrl));
  const files = [pgliteDataUrl, baseClusterUrl];
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
    report({
      value: known ? (sum / size) * 0.7 : 0.35,
      text: known ? `Loading Postgres: ${mb(sum)} of ${mb(size)} MB` : `Loading Postgres: ${mb(sum)} MB`,
    });
  };
  const [fsBundle, baseCluster] = await Promise.all(files.map((url) => download(url, onBytes(url))));
  report({ value: 0.7, text: 'Compiling Postgres' });
  const start = baseCluster ? await gunzipOnce(baseCluster) : undefined;
  return { pgliteModule: await module, ...(fsBundle ? { pgliteFsBundle: fsBundle } : {}), ...(start ? { start } : {}) };
}

async function loadSqliteAssets(): Promise<EngineAssets> {
  const response = await fetch(sqliteWasmUrl);
  if (!response.ok) throw new Error(`could not load SQLite: HTTP ${response.status}`);
  return { sqliteWasm: await response.arrayBuffer() };
}

function createWorker(): WorkerPort {
  return new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;
}

export interface BrowserServiceSpec {
  readonly name: string;
  readonly label: string;
  readonly spec: ServiceDatabaseSpec;
}

/** Boots every service's database in parallel; resolves when all are ready. */
export async function openBrowserDatabases(
  services: readonly BrowserServiceSpec[],
  options: {
    readonly limitMs: number;
    readonly report: Report;
    readonly onRestore: (service: string, event: Parameters<NonNullable<WorkerDatabaseOptions['onRestore']>>[0]) => void;
  },
): Promise<Map<string, WorkerDatabase>> {
  options.report({ value: 0, text: 'Loading the database engines' });
  let ready = 0;
  const opened = await Promise.all(
    services.map(async (service) => {
      const assets = await engineAssets(service.spec.kind, options.report);
      const db = await WorkerDatabase.open({
        label: service.label,
        spec: service.spec,
        assets,
        createWorker,
        limitMs: options.limitMs,
        onRestore: (event) => options.onRestore(service.name, event),
      });
      ready++;
      options.report({ value: 0.7 + (0.3 * ready) / services.length, text: `${ready} of ${services.length} services ready` });
      return [service.name, db] as const;
    }),
  );
  return new Map(opened);
}
