/** Registers the service worker on every page of the built site (the dev server has none to register). */
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    // The site works without it, only not offline; the offline page says whether it is active.
    console.warn('The offline copy of this site is not available:', error);
  });
}
