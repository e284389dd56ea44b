/** The site's exercise catalog, built at build time from the chapters and their labs (see lib/exercise-catalog.ts). */
import { getCollection } from 'astro:content';
import { buildCatalog, exercisesIn, type CatalogExercise } from '../../lib/exercise-catalog.ts';
import { loadLab } from '../../labs/registry.ts';

export async function siteExercises(): Promise<CatalogExercise[]> {
  const docs = await getCollection('docs');
  const chapters = docs.map((entry) => ({
    id: entry.id,
    title: entry.data.title,
    order: entry.data.sidebar.order ?? 0,
    body: entry.body ?? '',
  }));
  const labIds = new Set(chapters.flatMap((c) => exercisesIn(c.body).map((e) => e.labId)));
  const labs = new Map(await Promise.all([...labIds].map(async (id) => [id, await loadLab(id)] as const)));
  return buildCatalog(chapters, (labId, exerciseId) => labs.get(labId)?.exercises.find((e) => e.id === exerciseId)?.title);
}
