/** What to measure, found in the build output and the lab sources rather than listed by hand. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { runnerImport } from 'vite';
import type { labDatabases } from '../scripts/lab-databases.ts';

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

export interface DatabaseCounts {
  readonly postgres: number;
  readonly all: number;
}

/**
 * How many Postgres and how many database services each lab has, from the labs themselves: loaded through Vite's
 * module runner (they import `?raw` SQL), as scripts/build-snapshots.ts does.
 */
export async function databaseCounts(root: string): Promise<Map<string, DatabaseCounts>> {
  const path = join(root, 'scripts', 'lab-databases.ts');
  const { module } = await runnerImport<{ labDatabases: typeof labDatabases }>(path, { configFile: false, logLevel: 'warn', root });
  const counts = new Map<string, DatabaseCounts>();
  for (const { name, spec } of module.labDatabases) {
    const id = name.split('/')[0]!;
    const c = counts.get(id) ?? { postgres: 0, all: 0 };
    counts.set(id, { postgres: c.postgres + (spec.kind === 'postgres' ? 1 : 0), all: c.all + 1 });
  }
  return counts;
}
