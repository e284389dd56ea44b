/**
 * Saves the site's large files (database engines, editor) in the browser's cache, so every lab starts with no
 * network. The service worker serves them from the same cache (src/offline/service-worker.ts).
 */
import { LARGE_FILES_CACHE, OFFLINE_MANIFEST_PATH, type OfflineManifest, type SiteFile } from '../../offline/offline-manifest.ts';

export async function readManifest(): Promise<OfflineManifest | undefined> {
  const response = await fetch(OFFLINE_MANIFEST_PATH).catch(() => undefined);
  return response?.ok ? ((await response.json()) as OfflineManifest) : undefined;
}

export const totalBytes = (files: readonly SiteFile[]) => files.reduce((sum, f) => sum + f.bytes, 0);

/** Which of the large files are already saved. */
export async function savedFiles(manifest: OfflineManifest): Promise<Set<string>> {
  const cache = await caches.open(LARGE_FILES_CACHE);
  const saved = new Set<string>();
  for (const file of manifest.large) if (await cache.match(file.url, { ignoreVary: true })) saved.add(file.url);
  return saved;
}

/** Fetches every large file not saved yet, reporting bytes as each arrives; stops with an error in words. */
export async function saveLargeFiles(manifest: OfflineManifest, onProgress: (bytes: number) => void): Promise<void> {
  const cache = await caches.open(LARGE_FILES_CACHE);
  let done = 0;
  for (const file of manifest.large) {
    if (!(await cache.match(file.url, { ignoreVary: true }))) {
      const response = await fetch(file.url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${file.url} could not be downloaded (HTTP ${response.status})`);
      await cache.put(file.url, response);
    }
    done += file.bytes;
    onProgress(done);
  }
}
