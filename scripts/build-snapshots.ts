/**
 * Writes the Postgres data directories lab services start from, into public/snapshots/ (run by `npm run dev`
 * and `npm run build`):
 *
 * - the base: an empty cluster, trimmed and cleanly shut down (src/labs/engine/postgres-snapshots.ts);
 * - for every Postgres service of every lab, the layer its setup SQL adds to the base;
 * - manifest.json, which the browser reads to find them.
 *
 * File names carry a hash of what made them (PGlite version, configuration, settings, setup SQL), so a file
 * that exists is current and is skipped, and one that no longer matches is deleted. Labs import their SQL
 * with Vite's `?raw`, so they are loaded through Vite's module runner, not by Node directly.
 */
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { runnerImport } from 'vite';
import { packLayer } from '../src/labs/engine/data-files.ts';
import { loadBaseCluster, loadEngine, pgliteVersion, snapshotDir, writeAtomically } from '../src/labs/engine/node-engines.ts';
import { createServiceLayer } from '../src/labs/engine/postgres-snapshots.ts';
import { baseFile, MANIFEST_FILE, serviceFile, serviceKey, type SnapshotManifest } from '../src/labs/engine/snapshot-keys.ts';
import type { ServiceDatabaseSpec } from '../src/labs/engine/types.ts';
import type { labDatabases } from './lab-databases.ts';

const started = performance.now();
const version = pgliteVersion();

/** Every Postgres spec of every lab, once per key (labs that share a schema share its snapshot). */
async function postgresSpecs(): Promise<Map<string, { spec: ServiceDatabaseSpec; names: string[] }>> {
  const path = fileURLToPath(new URL('lab-databases.ts', import.meta.url));
  const { module } = await runnerImport<{ labDatabases: typeof labDatabases }>(path, { configFile: false, logLevel: 'warn' });
  const specs = new Map<string, { spec: ServiceDatabaseSpec; names: string[] }>();
  for (const { name, spec } of module.labDatabases) {
    if (spec.kind !== 'postgres') continue;
    const key = serviceKey(version, spec);
    const entry = specs.get(key) ?? { spec, names: [] };
    entry.names.push(name);
    specs.set(key, entry);
  }
  return specs;
}

const [specs, base, engine] = await Promise.all([postgresSpecs(), loadBaseCluster(), loadEngine()]);
const existing = new Set(readdirSync(snapshotDir));
const services: Record<string, string> = {};
let written = 0;
for (const [key, { spec, names }] of specs) {
  const file = serviceFile(key);
  services[key] = file;
  if (existing.has(file)) continue;
  const t = performance.now();
  const packed = gzipSync(packLayer(await createServiceLayer(base, spec, engine)), { level: 9 });
  writeAtomically(new URL(file, snapshotDir), packed);
  written++;
  console.log(`snapshot: ${names.join(', ')}: ${(packed.byteLength / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - t)} ms`);
}

const manifest: SnapshotManifest = { pglite: version, base: baseFile(version), services };
writeAtomically(new URL(MANIFEST_FILE, snapshotDir), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
const keep = new Set([MANIFEST_FILE, manifest.base, ...Object.values(services)]);
for (const name of readdirSync(snapshotDir)) {
  if (!keep.has(name) && !name.endsWith('.tmp')) rmSync(new URL(name, snapshotDir));
}
console.log(
  `snapshot: base and ${specs.size} Postgres services for PGlite ${version}, ${written} written, in ${Math.round(performance.now() - started)} ms`,
);
