/**
 * After `astro build`: lists every file in dist/ with a content hash, writes dist/offline-manifest.json and
 * bundles src/offline/service-worker.ts into dist/sw.js with that list inside, so the service worker knows
 * exactly which version of each file belongs to this build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { OFFLINE_MANIFEST_PATH, planOffline, type SiteFile } from '../src/offline/offline-manifest.ts';

const dist = new URL('../dist/', import.meta.url).pathname;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const files: SiteFile[] = [];
for (const path of walk(dist)) {
  const bytes = readFileSync(path);
  const revision = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  files.push({ url: `/${relative(dist, path).split(sep).join('/')}`, bytes: bytes.byteLength, revision });
}
files.sort((a, b) => a.url.localeCompare(b.url));
const version = createHash('sha256')
  .update(files.map((f) => `${f.url} ${f.revision}`).join('\n'))
  .digest('hex')
  .slice(0, 16);
const manifest = planOffline(files, version);
writeFileSync(join(dist, OFFLINE_MANIFEST_PATH), JSON.stringify(manifest));

await build({
  entryPoints: [new URL('../src/offline/service-worker.ts', import.meta.url).pathname],
  outfile: join(dist, 'sw.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  logLevel: 'warning',
  define: {
    // Workbox's own development logging is dropped from the production bundle.
    'process.env.NODE_ENV': '"production"',
    __PRECACHE_MANIFEST__: JSON.stringify(manifest.precached.map((f) => ({ url: f.url, revision: f.revision }))),
    __LARGE_FILES__: JSON.stringify(manifest.large.map((f) => f.url)),
  },
});

const mb = (n: number) => (n / 1_048_576).toFixed(1);
const sum = (list: readonly SiteFile[]) => list.reduce((s, f) => s + f.bytes, 0);
console.log(
  `offline: sw.js precaches ${manifest.precached.length} files (${mb(sum(manifest.precached))} MB); ` +
    `${manifest.large.length} large files (${mb(sum(manifest.large))} MB) wait for a lab or the offline button`,
);
