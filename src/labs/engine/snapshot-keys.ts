/**
 * Names of the build-time Postgres snapshots, derived from everything that shapes their contents: the PGlite
 * version, the shared configuration, how the base is made and, for a service, its settings and setup SQL.
 * A snapshot built from other inputs (an edited .sql file under `npm run dev`, another PGlite) has another
 * name, so it is never used by mistake: the service then boots from the base and runs its setup SQL.
 *
 * The hash is not cryptographic (no one forges these files; crypto.subtle is missing on plain-http pages).
 */
import { POSTGRES_CONFIG } from './postgres-config.ts';
import type { ServiceDatabaseSpec } from './types.ts';

/** Bump when postgres-snapshots.ts makes the base or a service's layer differently. */
const RECIPE = 'initdb --wal-segsize=1; template databases dropped; trimmed; clean shutdown; v1';

/** Where snapshots live, under the site's public root (and public/ in the source tree). */
export const SNAPSHOT_DIR = 'snapshots';
export const MANIFEST_FILE = 'manifest.json';

/** The file listing every snapshot the build wrote: `{ pglite, base, services: { [key]: file } }`. */
export interface SnapshotManifest {
  readonly pglite: string;
  readonly base: string;
  readonly services: Readonly<Record<string, string>>;
}

/** cyrb53 twice with different seeds: 106 bits as 28 hex digits. */
function hash(text: string): string {
  const lane = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return lane(1) + lane(2);
}

export function baseKey(pgliteVersion: string): string {
  return hash([`pglite ${pgliteVersion}`, RECIPE, ...POSTGRES_CONFIG].join('\n'));
}

export function serviceKey(pgliteVersion: string, spec: ServiceDatabaseSpec): string {
  // Extensions are named only when there are some, so the keys of services without any stay as they were.
  const extensions = spec.extensions?.length ? ['extensions', ...spec.extensions] : [];
  return hash([baseKey(pgliteVersion), ...(spec.settings ?? []), ...extensions, '--', spec.setupSql].join('\n'));
}

export const baseFile = (pgliteVersion: string) => `postgres-base-${baseKey(pgliteVersion)}.pgdata.gz`;
export const serviceFile = (key: string) => `postgres-service-${key}.pgdata.gz`;

/**
 * The build-time snapshot of a service, from the build's manifest: none when there is no manifest, when it was
 * written for another PGlite, or when it has nothing for this spec (its setup SQL or settings changed since).
 */
export function snapshotFor(
  manifest: SnapshotManifest | undefined,
  pgliteVersion: string | undefined,
  spec: ServiceDatabaseSpec,
): string | undefined {
  if (!manifest || !pgliteVersion || manifest.pglite !== pgliteVersion) return undefined;
  return manifest.services[serviceKey(pgliteVersion, spec)];
}
