/**
 * What the offline build knows about the site's files, shared by the build script, the service worker and the
 * "available offline" button: which files are precached at once and which are large enough to wait.
 */

/** Files up to this size are precached at the first visit; larger ones (engines, editor) wait for a lab or the button. */
export const PRECACHE_MAX_BYTES = 1_500_000;
export const LARGE_FILES_CACHE = 'large-files';
export const OFFLINE_MANIFEST_PATH = '/offline-manifest.json';

export interface SiteFile {
  /** The path the browser asks for, e.g. `/_astro/pglite.abc123.wasm`. */
  readonly url: string;
  readonly bytes: number;
  /** A hash of the content: a file whose content changes is fetched again. */
  readonly revision: string;
}

export interface OfflineManifest {
  /** Changes whenever any file changes. */
  readonly version: string;
  readonly precached: readonly SiteFile[];
  readonly large: readonly SiteFile[];
}

/**
 * A lab's database snapshots are many and, together, larger than the rest of the site: like the engines, they
 * wait for the lab that needs them. Their names carry a hash of their content; the manifest naming them does not,
 * so it is precached with the pages.
 */
function waitsForALab(file: SiteFile): boolean {
  return file.bytes > PRECACHE_MAX_BYTES || (file.url.startsWith('/snapshots/') && !file.url.endsWith('.json'));
}

/** Splits the built files: what every visitor gets precached, and what waits until it is needed. */
export function planOffline(files: readonly SiteFile[], version: string): OfflineManifest {
  const servable = files.filter((f) => f.url !== '/sw.js' && f.url !== OFFLINE_MANIFEST_PATH);
  return { version, precached: servable.filter((f) => !waitsForALab(f)), large: servable.filter(waitsForALab) };
}
