// @ts-check
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'astro/config';

/** The browser names build-time Postgres snapshots by it (src/labs/engine/snapshot-keys.ts). */
const pgliteVersion = JSON.parse(
  readFileSync(new URL('../package.json', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'))), 'utf8'),
).version;

/**
 * Nothing loads from another origin; WebAssembly may compile (the databases) and workers may start.
 * `'unsafe-inline'` in script-src is for the dev server only: after the build, scripts/harden-csp.ts replaces it
 * in every page with the hashes of that page's own inline scripts (scripts/csp.ts). Styles stay inline-allowed,
 * because islands set style attributes and the editor injects its stylesheet.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import starlightLinksValidator from 'starlight-links-validator';
import { pluginRunnableSql } from './src/components/sql-run/runnable-sql-plugin.ts';

export default defineConfig({
  site: 'https://example.org',
  // Astro's content store lives in the checkout, not in node_modules, which a second worktree may share.
  cacheDir: './.astro/cache',
  integrations: [
    starlight({
      title: 'Data in Services',
      description: 'Learn to manage operational data across services with labs that run real databases in your browser.',
      // Glossary anchors come from src/glossary, rendered by a component the validator cannot see into;
      // tests/docs/glossary.test.ts checks those links instead.
      plugins: [starlightLinksValidator({ exclude: ['/reference/glossary/#*'] })],
      head: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy } }],
      customCss: ['./src/styles/site.css'],
      // The footer also registers the service worker that keeps the site available offline.
      components: { Footer: './src/components/starlight/Footer.astro' },
      // Long SQL wraps instead of scrolling: readable on a phone, and no scroll region that a keyboard cannot reach.
      // A ```sql lab=… service=… block gets a Run button (src/components/sql-run/).
      expressiveCode: { defaultProps: { wrap: true }, plugins: [pluginRunnableSql()] },
      sidebar: [
        { label: 'Start here', items: [{ autogenerate: { directory: 'start' } }] },
        { label: 'Part I · Operational data', items: [{ autogenerate: { directory: 'operational-data' } }] },
        { label: 'Part II · Splitting and owning data', items: [{ autogenerate: { directory: 'ownership' } }] },
        { label: 'Part III · Transactions across services', items: [{ autogenerate: { directory: 'transactions' } }] },
        { label: 'Part IV · Reading data you don’t own', items: [{ autogenerate: { directory: 'reading' } }] },
        { label: 'Part V · Events as the source of truth', items: [{ autogenerate: { directory: 'events' } }] },
        { label: 'Part VI · Boundaries and scale', items: [{ autogenerate: { directory: 'boundaries' } }] },
        { label: 'Part VII · From operational to analytical', items: [{ autogenerate: { directory: 'analytics' } }] },
        { label: 'Reference', items: [{ autogenerate: { directory: 'reference' } }] },
      ],
    }),
    preact(),
  ],
  vite: {
    define: { 'import.meta.env.PGLITE_VERSION': JSON.stringify(pgliteVersion) },
    optimizeDeps: {
      exclude: ['@electric-sql/pglite'],
      // What only the database workers import, which the dev server's dependency scan cannot see (it does not
      // follow `new Worker(new URL(…))`): found when the reader first presses Start, it would make the dev
      // server re-optimize and reload the page, losing that click.
      include: ['sql.js'],
    },
    worker: {
      format: 'es',
      // The page and the workers both refer to pglite.wasm and pglite.data: with the same names the build
      // writes each file once (9 MB and 6 MB) instead of once per naming scheme.
      rollupOptions: { output: { assetFileNames: '_astro/[name].[hash][extname]' } },
    },
  },
});
