/** The two HTTP servers the bench needs: the built site (astro preview) and a bare PGlite page for the naive boot. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { POSTGRES_CONFIG } from '../src/labs/engine/postgres-config.ts';

export function buildIfMissing(root: string) {
  if (existsSync(join(root, 'dist', 'index.html'))) return;
  console.log('dist/ is missing: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build exited with ${r.status}`);
}

async function portAnswers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

export interface Preview {
  readonly url: string;
  readonly pid: number;
  stop(): void;
}

/**
 * Starts `astro preview` in its own process group (detached), so that stopping it kills npx, the shell and
 * node together. Refuses a port that already answers: someone else's server would be measured instead.
 */
export async function startPreview(root: string, port: number): Promise<Preview> {
  const url = `http://127.0.0.1:${port}`;
  if (await portAnswers(url)) throw new Error(`port ${port} is already in use; set BENCH_PORT to another`);
  const child: ChildProcess = spawn('npx', ['astro', 'preview', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const pid = child.pid!;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  // A synchronous exit hook: the preview must not outlive the bench, whatever ends it.
  process.once('exit', stop);
  const deadline = Date.now() + 60_000;
  while (!(await portAnswers(url))) {
    if (child.exitCode !== null) throw new Error(`astro preview exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      stop();
      throw new Error(`astro preview did not answer on ${url} within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid, stop };
}

const MIME: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.gz': 'application/gzip',
};

/**
 * The naive baseline: `PGlite.create()` n times, one after another, on the main thread, as a page would do
 * without workers or snapshots. Instances stay open until all are created, as a lab's services would.
 *
 * The floor: one PGlite started from the build's base snapshot as a lab service starts (engine compiled and
 * files downloaded beforehand, files written through the fs option, the shared configuration), timed from
 * PGlite.create() to the answer of a first query. A lab cannot be ready sooner than this.
 */
const NAIVE_HTML = `<!doctype html><meta charset="utf-8"><title>naive PGlite</title>
<script type="module">
import { PGlite, MemoryFS } from './index.js';
const CONFIG = ${JSON.stringify(POSTGRES_CONFIG)};
window.floorBoot = async (runs) => {
  const manifest = await (await fetch('/snapshots/manifest.json')).json();
  const gz = await fetch('/snapshots/' + manifest.base);
  const packed = new Uint8Array(await new Response(gz.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  const module = await WebAssembly.compileStreaming(fetch('./pglite.wasm'));
  const bundle = await (await fetch('./pglite.data')).arrayBuffer();
  const length = new DataView(packed.buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + length)));
  class Files extends MemoryFS {
    async initialSyncFs() {
      const FS = this.pg.Module.FS;
      FS.mkdirTree('/pglite/data');
      for (const dir of header.dirs) FS.mkdirTree('/pglite/data/' + dir);
      let offset = 4 + length;
      for (const [path, size] of header.files) {
        FS.writeFile('/pglite/data/' + path, packed.slice(offset, offset + size), { canOwn: true });
        offset += size;
      }
    }
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const copy = bundle.slice(0);
    const t = performance.now();
    const pg = await PGlite.create({
      fs: new Files(),
      pgliteWasmModule: module,
      fsBundle: { arrayBuffer: async () => copy },
      initialMemory: 128 * 1024 * 1024,
      postgresqlconf: CONFIG,
    });
    await pg.query('SELECT 1');
    times.push(performance.now() - t);
    await pg.close();
  }
  return times;
};
window.naiveBoot = async (n) => {
  const each = [];
  const dbs = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    dbs.push(await PGlite.create());
    each.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  for (const db of dbs) await db.close();
  return { total, each };
};
window.naiveReady = true;
</script>`;

/** Serves node_modules/@electric-sql/pglite/dist/ plus the naive page at /, and the build's snapshots at /snapshots/. */
export async function startNaiveServer(root: string, port: number): Promise<{ url: string; server: Server }> {
  const dir = join(root, 'node_modules', '@electric-sql', 'pglite', 'dist');
  const snapshots = join(root, 'dist', 'snapshots');
  const server = createServer((req, res) => void serve(req, res));
  async function serve(req: IncomingMessage, res: ServerResponse) {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': MIME['.html']! }).end(NAIVE_HTML);
      return;
    }
    const from = path.startsWith('/snapshots/') ? snapshots : dir;
    const file = normalize(join(from, path.replace(/^\/snapshots\//, '/')));
    if (!file.startsWith(from)) return void res.writeHead(403).end();
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      // Cacheable, so that the warm-up fills the HTTP cache and the timed runs compare with a warm lab.
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': s.size,
        'cache-control': 'max-age=3600',
      });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { url: `http://127.0.0.1:${port}`, server };
}
