// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import starlightLinksValidator from 'starlight-links-validator';

export default defineConfig({
  site: 'https://example.org',
  integrations: [
    starlight({
      title: 'Data in Services',
      description:
        'Learn to manage operational data across services with labs that run real databases in your browser.',
      plugins: [starlightLinksValidator()],
      customCss: ['./src/styles/site.css'],
      sidebar: [
        { label: 'Start here', items: [{ autogenerate: { directory: 'start' } }] },
        { label: 'Part III · Transactions across services', items: [{ autogenerate: { directory: 'transactions' } }] },
      ],
    }),
    preact(),
  ],
  vite: {
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    worker: { format: 'es' },
  },
});
