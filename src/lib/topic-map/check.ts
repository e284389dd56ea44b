/**
 * Checks of the topic map against what it points at: the articles' text, the chapters' headings and the
 * labs they embed. Pure functions over plain data, so the test can feed them the real files and a broken
 * variant alike; and the counts the page prints.
 */
import { isTaught, type SourceArticle } from './topics.ts';

/** What the map is checked against. */
export interface World {
  /** Article text by file name; undefined when the articles are not available (the phrase check is skipped). */
  readonly articles?: ReadonlyMap<string, string> | undefined;
  /** Chapter MDX by content id ('ownership/who-owns'), for every chapter of every part. */
  readonly chapters: ReadonlyMap<string, string>;
  /** Every lab id (a folder with a lab.ts). */
  readonly labIds: ReadonlySet<string>;
}

export const MAX_PHRASE_WORDS = 6;

/** Lower case, one space between words: the form phrases and articles are compared in. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** '/ownership/who-owns/' → 'ownership/who-owns'. */
export function chapterId(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** The lab ids a chapter embeds with `<Lab id="…"`. */
export function embeddedLabs(mdx: string): string[] {
  return [...mdx.matchAll(/<Lab\s+id="([^"]+)"/g)].map((m) => m[1] ?? '');
}

/**
 * The anchors Starlight gives a chapter's headings: github-slugger's rule (lower case, drop punctuation and
 * symbols, a space becomes a hyphen, repeats get -1, -2 …) applied to the heading's text without Markdown.
 */
export function headingSlugs(mdx: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of mdx.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = (heading[1] ?? '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*_]{1,2}([^`*_]+)[`*_]{1,2}/g, '$1')
      .replace(/<[^>]+>/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

/** Every way the map disagrees with the world, one sentence each; empty when it is sound. */
export function topicMapProblems(sources: readonly SourceArticle[], world: World): string[] {
  const problems: string[] = [];
  const named = new Map<string, string>();
  const covered = new Set<string>();

  for (const source of sources) {
    const text = world.articles?.get(source.file);
    if (world.articles && text === undefined) problems.push(`${source.id}: no article file ${source.file}`);
    const article = text === undefined ? undefined : normalise(text);

    for (const entry of source.topics) {
      const where = `${source.id} / "${entry.topic}"`;
      const key = normalise(entry.topic);
      const first = named.get(key);
      if (first) problems.push(`${where}: listed twice (also under ${first})`);
      else named.set(key, source.id);

      const words = normalise(entry.phrase).split(' ').filter(Boolean);
      if (words.length === 0 || words.length > MAX_PHRASE_WORDS) {
        problems.push(`${where}: key phrase has ${words.length} words (1 to ${MAX_PHRASE_WORDS})`);
      }
      if (article !== undefined && !article.includes(normalise(entry.phrase))) {
        problems.push(`${where}: key phrase "${entry.phrase}" is not in ${source.file}`);
      }

      if (!isTaught(entry)) {
        if (entry.plannedPath && world.chapters.has(chapterId(entry.plannedPath))) {
          problems.push(`${where}: ${entry.plannedPath} exists now; list it as taught`);
        }
        continue;
      }
      if (entry.chapters.length === 0) problems.push(`${where}: taught, but in no chapter`);
      const embedded = new Set<string>();
      for (const ref of entry.chapters) {
        const mdx = world.chapters.get(chapterId(ref.path));
        if (mdx === undefined) {
          problems.push(`${where}: no chapter at ${ref.path}`);
          continue;
        }
        covered.add(chapterId(ref.path));
        for (const lab of embeddedLabs(mdx)) embedded.add(lab);
        if (ref.anchor !== undefined && !headingSlugs(mdx).has(ref.anchor)) {
          problems.push(`${where}: no heading #${ref.anchor} in ${ref.path}`);
        }
      }
      for (const lab of entry.labs) {
        if (!world.labIds.has(lab)) problems.push(`${where}: no lab "${lab}"`);
        else if (!embedded.has(lab)) problems.push(`${where}: lab "${lab}" is embedded in none of its chapters`);
      }
    }
  }

  for (const [id, mdx] of world.chapters) {
    if (embeddedLabs(mdx).length > 0 && !covered.has(id)) {
      problems.push(`chapter /${id}/ embeds a lab but no topic points to it`);
    }
  }
  return problems;
}

export interface TopicCounts {
  readonly total: number;
  readonly taught: number;
  readonly withLab: number;
  readonly coming: number;
}

export function topicCounts(sources: readonly SourceArticle[]): TopicCounts {
  const all = sources.flatMap((s) => s.topics);
  const taught = all.filter(isTaught);
  return {
    total: all.length,
    taught: taught.length,
    withLab: taught.filter((t) => t.labs.length > 0).length,
    coming: all.length - taught.length,
  };
}
