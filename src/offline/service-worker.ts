/**
 * The site's service worker, so that a training room with no network still has the whole site. Built by
 * scripts/build-service-worker.ts after the site, which injects the list of files to precache.
 *
 * - Every page, script, style and the search index (small files) are precached at install, with their content
 *   hashes as revisions: after one visit, every page and search work offline, and a new version of the site
 *   replaces exactly the files that changed, then removes the old ones.
 * - The database engines and the editor (large files) are cached the first time a lab loads them, or all at
 *   once by the "available offline" button (src/components/offline/), into the same cache.
 */
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { LARGE_FILES_CACHE } from './offline-manifest.ts';

declare const __PRECACHE_MANIFEST__: PrecacheEntry[];
declare const __LARGE_FILES__: string[];

// The worker scope's own API, named here rather than pulling the whole WebWorker library into a DOM program.
interface WorkerScope {
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: { waitUntil(p: Promise<unknown>): void }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

cleanupOutdatedCaches();
// Search asks for its index with a cache-busting `?ts=` parameter; every file here is versioned by the manifest
// instead, so query strings never choose a different file.
precacheAndRoute(__PRECACHE_MANIFEST__, { directoryIndex: 'index.html', cleanURLs: true, ignoreURLParametersMatching: [/.*/] });

// Large files have content-hashed names (or change name with the engine version), so a cached copy is never stale.
// Servers often answer with `Vary: Origin`, and a module import sends an Origin header where the offline
// button's fetch did not: without ignoreVary the editor saved by the button would not be found offline.
const large = new Set(__LARGE_FILES__);
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && large.has(url.pathname),
  new CacheFirst({ cacheName: LARGE_FILES_CACHE, matchOptions: { ignoreVary: true } }),
);

// A new version takes over at once: pages and files come from one version, never half from each.
scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));
scope.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      await scope.clients.claim();
      // Large files that this version no longer lists belong to an older one.
      const cache = await caches.open(LARGE_FILES_CACHE);
      for (const request of await cache.keys()) if (!large.has(new URL(request.url).pathname)) await cache.delete(request);
    })(),
  ),
);
