/**
 * Tightens the built pages' Content-Security-Policy: `script-src` loses `'unsafe-inline'` and gains the SHA-256
 * hash of each inline script the page really has (Starlight's theme and sidebar scripts, Astro's island
 * loader). An injected script or inline event handler then matches no hash and does not run.
 *
 * The dev server keeps `'unsafe-inline'` (Vite injects scripts of its own there); `scripts/harden-csp.ts`
 * applies this to every page after `astro build`. Styles keep `'unsafe-inline'`: islands set `style`
 * attributes and the editor injects its stylesheet, and a style cannot run code.
 */
import { createHash } from 'node:crypto';

const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes].sort();
}

/** The page with its policy's script-src rewritten; a page without a policy is an error, not silently open. */
export function hardenPage(html: string): string {
  const meta = META.exec(html);
  if (!meta?.[1]) throw new Error('page has no Content-Security-Policy meta tag');
  const hashes = inlineScriptHashes(html);
  const policy = meta[1]
    .split(';')
    .map((d) => d.trim())
    .map((directive) => {
      if (!directive.startsWith('script-src ')) return directive;
      // Idempotent: hashes from an earlier pass are replaced, not added to.
      const sources = directive
        .split(/\s+/)
        .slice(1)
        .filter((s) => s !== "'unsafe-inline'" && !s.startsWith("'sha256-"));
      return ['script-src', ...sources, ...hashes].join(' ');
    })
    .join('; ');
  return html.replace(meta[0], `<meta http-equiv="Content-Security-Policy" content="${policy}"/>`);
}
