/**
 * The glossary's anchors are rendered from src/glossary by a component, which the build's link validator
 * cannot see into; this test does that part of its job. Every link to a glossary anchor must land on a term,
 * and every term must be linked from some chapter, or nobody would find it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GLOSSARY_PATH, glossary } from '../../src/glossary/index.ts';

const docsRoot = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));

function chapters(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return chapters(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

const LINK = new RegExp(`${GLOSSARY_PATH.replaceAll('/', '\\/')}#([a-z0-9-]+)`, 'g');
const links = chapters(docsRoot).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(LINK)].map((m) => ({ file: relative(docsRoot, file), slug: m[1] ?? '' })),
);
const terms = glossary();

describe('the glossary', () => {
  it('has slugs made of lower-case words and hyphens, and definitions that end a sentence', () => {
    for (const term of terms) {
      expect(term.slug, term.term).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(term.definition, term.slug).toMatch(/[.!?]$/);
    }
  });

  it('resolves every link to a glossary anchor, and every see-also', () => {
    const slugs = new Set(terms.map((t) => t.slug));
    const broken = links.filter((l) => !slugs.has(l.slug)).map((l) => `${l.file}: #${l.slug}`);
    const brokenSeeAlso = terms.flatMap((t) => (t.seeAlso ?? []).filter((s) => !slugs.has(s)).map((s) => `${t.slug} -> ${s}`));
    expect(broken).toEqual([]);
    expect(brokenSeeAlso).toEqual([]);
  });

  it('has no term that no chapter links to', () => {
    const linked = new Set(links.map((l) => l.slug));
    expect(terms.filter((t) => !linked.has(t.slug)).map((t) => t.slug)).toEqual([]);
  });
});
