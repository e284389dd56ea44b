/**
 * The whole glossary: every `src/glossary/<part>.ts` exports the terms its chapters introduce, and this module
 * merges them, sorted, refusing a slug defined twice.
 */
import type { GlossaryTerm } from './types.ts';

export type { GlossaryTerm } from './types.ts';

export const GLOSSARY_PATH = '/reference/glossary/';

const modules = import.meta.glob<{ terms: readonly GlossaryTerm[] }>(['./*.ts', '!./index.ts', '!./types.ts', '!./*.test.ts'], {
  eager: true,
});

export function glossary(): GlossaryTerm[] {
  const bySlug = new Map<string, GlossaryTerm>();
  for (const [file, module] of Object.entries(modules)) {
    for (const term of module.terms) {
      if (bySlug.has(term.slug)) throw new Error(`glossary slug "${term.slug}" is defined twice (again in ${file})`);
      bySlug.set(term.slug, term);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}
