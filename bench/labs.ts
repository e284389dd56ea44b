/** What to measure, found in the build output and the lab sources rather than listed by hand. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface LabPage {
  readonly id: string;
  /**
   * Site path of the lab's own chapter (the page whose last segment is the lab id) when there is one, else the
   * first page in sorted order that shows it: /start/how-labs-work/ embeds two-phase-commit too, but readers
   * meet a lab in its chapter, e.g. /transactions/two-phase-commit/.
   */
  readonly path: string;
  /** Every page that shows a lab: the candidates for the chapter-JS figure. */
  readonly allPaths: readonly string[];
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function sitePath(dist: string, file: string): string {
  const rel = relative(dist, file).split(sep).join('/');
  return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
}

export function discoverLabs(root: string): LabPage[] {
  const dist = join(root, 'dist');
  const pagesById = new Map<string, string[]>();
  for (const file of htmlFiles(dist)) {
    const ids = new Set([...readFileSync(file, 'utf8').matchAll(/data-lab="([^"]+)"/g)].map((m) => m[1]!));
    for (const id of ids) pagesById.set(id, [...(pagesById.get(id) ?? []), sitePath(dist, file)]);
  }
  const all = [...new Set([...pagesById.values()].flat())].sort();
  return [...pagesById].map(([id, paths]) => ({ id, path: paths.find((p) => p.endsWith(`/${id}/`)) ?? paths[0]!, allPaths: all }));
}

/**
 * Postgres services of a lab, counted as `kind: 'postgres'` in src/labs/<id>/lab.ts: a text count, not an
 * import, because lab.ts imports `?raw` SQL that only Vite understands. Falls back to 2 (two-phase-commit).
 */
export function postgresServices(root: string, id: string): number {
  const file = join(root, 'src', 'labs', id, 'lab.ts');
  if (!existsSync(file)) return 2;
  const n = readFileSync(file, 'utf8').match(/kind:\s*['"]postgres['"]/g)?.length ?? 0;
  return n || 2;
}

/** All services (any engine), used to pick the largest lab for the memory figure. */
export function allServices(root: string, id: string): number {
  const file = join(root, 'src', 'labs', id, 'lab.ts');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').match(/kind:\s*['"](postgres|sqlite)['"]/g)?.length ?? 0;
}
