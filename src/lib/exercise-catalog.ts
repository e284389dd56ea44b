/**
 * Every exercise on the site, in reading order, found where chapters place them: each `<Exercise lab="…"
 * id="…">` in a chapter's MDX. Built at build time from the docs collection, so a new exercise appears on
 * the progress pages without being registered anywhere.
 */

export interface CatalogExercise {
  /** `<lab-id>/<exercise-id>`, as the progress record keys it. */
  readonly key: string;
  readonly labId: string;
  readonly exerciseId: string;
  readonly title: string;
  readonly part: string;
  readonly chapter: string;
  /** The chapter's address with the exercise's anchor. */
  readonly href: string;
}

export interface ChapterSource {
  /** The docs entry id, e.g. `transactions/two-phase-commit`. */
  readonly id: string;
  readonly title: string;
  readonly order: number;
  readonly body: string;
}

/** The site's parts: the docs folder each lives in, and its sidebar label. Same order as the sidebar. */
export const PARTS: readonly { readonly directory: string; readonly label: string }[] = [
  { directory: 'operational-data', label: 'Part I · Operational data' },
  { directory: 'ownership', label: 'Part II · Splitting and owning data' },
  { directory: 'transactions', label: 'Part III · Transactions across services' },
  { directory: 'reading', label: 'Part IV · Reading data you don’t own' },
];

const EXERCISE_TAG = /<Exercise\b([^>]*)>/g;
const attribute = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(attrs)?.[1];

/** The exercises a chapter places, in the order it places them. */
export function exercisesIn(body: string): { labId: string; exerciseId: string }[] {
  const found: { labId: string; exerciseId: string }[] = [];
  for (const match of body.matchAll(EXERCISE_TAG)) {
    const attrs = match[1] ?? '';
    const labId = attribute(attrs, 'lab');
    const exerciseId = attribute(attrs, 'id');
    if (labId && exerciseId) found.push({ labId, exerciseId });
  }
  return found;
}

export function buildCatalog(
  chapters: readonly ChapterSource[],
  titleOf: (labId: string, exerciseId: string) => string | undefined,
): CatalogExercise[] {
  const catalog: CatalogExercise[] = [];
  for (const part of PARTS) {
    const inPart = chapters
      .filter((c) => c.id.startsWith(`${part.directory}/`))
      .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    for (const chapter of inPart) {
      for (const { labId, exerciseId } of exercisesIn(chapter.body)) {
        const title = titleOf(labId, exerciseId);
        if (!title) throw new Error(`${chapter.id} places exercise ${labId}/${exerciseId}, which its lab does not define`);
        catalog.push({
          key: `${labId}/${exerciseId}`,
          labId,
          exerciseId,
          title,
          part: part.label,
          chapter: chapter.title,
          href: `/${chapter.id}/#exercise-${exerciseId}`,
        });
      }
    }
  }
  return catalog;
}

export interface CatalogChapter {
  readonly chapter: string;
  readonly exercises: readonly CatalogExercise[];
}

export interface CatalogPart {
  readonly part: string;
  readonly chapters: readonly CatalogChapter[];
}

/** The catalog as parts of chapters, keeping its order. */
export function groupCatalog(catalog: readonly CatalogExercise[]): CatalogPart[] {
  const parts: { part: string; chapters: { chapter: string; exercises: CatalogExercise[] }[] }[] = [];
  for (const exercise of catalog) {
    let part = parts.at(-1);
    if (part?.part !== exercise.part) parts.push((part = { part: exercise.part, chapters: [] }));
    let chapter = part.chapters.at(-1);
    if (chapter?.chapter !== exercise.chapter) part.chapters.push((chapter = { chapter: exercise.chapter, exercises: [] }));
    chapter.exercises.push(exercise);
  }
  return parts;
}
