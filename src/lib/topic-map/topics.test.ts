import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chapterId, headingSlugs, normalise, topicCounts, topicMapProblems, type World } from './check.ts';
import { isTaught, SOURCES, type SourceArticle, type Topic } from './topics.ts';

/**
 * The source articles are not part of the repository: they sit in `../shared/seeds/` beside the checkout (or
 * TOPIC_ARTICLES_DIR), and the key-phrase check is skipped where they are absent. Everything else is checked
 * everywhere.
 */
const articlesDir = process.env['TOPIC_ARTICLES_DIR'] ?? fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const haveArticles = SOURCES.every((s) => existsSync(join(articlesDir, s.file)));
const articles = haveArticles ? new Map(SOURCES.map((s) => [s.file, readFileSync(join(articlesDir, s.file), 'utf8')] as const)) : undefined;

/** Every chapter of every part: the docs folders other than the start pages and the reference. */
const docs = new URL('../../content/docs/', import.meta.url);
const chapters = new Map(
  readdirSync(docs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'start' && d.name !== 'reference')
    .flatMap((d) =>
      readdirSync(new URL(`${d.name}/`, docs))
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => [`${d.name}/${f.replace(/\.mdx$/, '')}`, readFileSync(new URL(`${d.name}/${f}`, docs), 'utf8')] as const),
    ),
);
const labIds = new Set(
  readdirSync(new URL('../../labs/', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`../../labs/${d.name}/lab.ts`, import.meta.url)))
    .map((d) => d.name),
);
const world: World = { articles, chapters, labIds };

/** A copy of the map with one topic replaced, to show that each check can fail. */
function withTopic(sourceIndex: number, topicIndex: number, change: (t: Topic) => Topic): SourceArticle[] {
  return SOURCES.map((s, i) => (i !== sourceIndex ? s : { ...s, topics: s.topics.map((t, j) => (j === topicIndex ? change(t) : t)) }));
}
const firstTaught = SOURCES[0]?.topics.findIndex(isTaught) ?? -1;
function taughtChange(change: (t: Topic & { chapters: unknown }) => Topic): SourceArticle[] {
  return withTopic(0, firstTaught, (t) => (isTaught(t) ? change(t) : t));
}

describe('the topic map', () => {
  it('points only at chapters, headings and labs that exist, and every lab chapter is on it', () => {
    expect(topicMapProblems(SOURCES, { ...world, articles: undefined })).toEqual([]);
  });

  it.skipIf(!haveArticles)('takes every key phrase verbatim from its article', () => {
    expect(topicMapProblems(SOURCES, world)).toEqual([]);
  });

  it('covers each article thoroughly', () => {
    const { total, taught, withLab } = topicCounts(SOURCES);
    expect(SOURCES).toHaveLength(5);
    expect(total).toBeGreaterThanOrEqual(60);
    for (const s of SOURCES) expect(s.topics.length, s.id).toBeGreaterThanOrEqual(8);
    expect(withLab).toBeLessThanOrEqual(taught);
  });

  it('reports a phrase not in the article, and one that is too long', () => {
    if (!articles) return;
    const moved = withTopic(1, 0, (t) => ({ ...t, phrase: 'words nobody ever wrote here' }));
    expect(topicMapProblems(moved, world).join('\n')).toMatch(/is not in 001_/);
    const long = withTopic(1, 0, (t) => ({ ...t, phrase: 'one two three four five six seven' }));
    expect(topicMapProblems(long, world).join('\n')).toMatch(/has 7 words/);
  });

  it('reports a missing chapter, a missing heading, a missing lab and a lab the chapter does not embed', () => {
    const noChapter = taughtChange((t) => ({ ...t, chapters: [{ path: '/ownership/nowhere/' }] }));
    expect(topicMapProblems(noChapter, world).join('\n')).toMatch(/no chapter at \/ownership\/nowhere\//);

    const noHeading = taughtChange((t) => ({ ...t, chapters: [{ path: '/reading/cqrs/', anchor: 'not-a-heading' }] }));
    expect(topicMapProblems(noHeading, world).join('\n')).toMatch(/no heading #not-a-heading/);

    const noLab = taughtChange((t) => ({ ...t, labs: ['no-such-lab'] }));
    expect(topicMapProblems(noLab, world).join('\n')).toMatch(/no lab "no-such-lab"/);

    const elsewhere = taughtChange((t) => ({ ...t, chapters: [{ path: '/reading/cqrs/' }], labs: ['order-saga'] }));
    expect(topicMapProblems(elsewhere, world).join('\n')).toMatch(/lab "order-saga" is embedded in none/);
  });

  it('reports a topic listed twice, and a chapter with a lab that no topic points to', () => {
    const first = SOURCES[0]?.topics[0];
    if (!first) throw new Error('empty map');
    const twice = withTopic(4, 0, (t) => ({ ...t, topic: first.topic.toUpperCase() }));
    expect(topicMapProblems(twice, { ...world, articles: undefined }).join('\n')).toMatch(/listed twice/);

    const newChapter = new Map([...chapters, ['boundaries/new-chapter', '## Intro\n\n<Lab id="isolation" />']]);
    expect(topicMapProblems(SOURCES, { ...world, articles: undefined, chapters: newChapter })).toEqual([
      'chapter /boundaries/new-chapter/ embeds a lab but no topic points to it',
    ]);
  });

  it('reports a planned chapter that has arrived, so the entry is moved to taught', () => {
    // A topic planned for a chapter that is then written: the map must be told to list it as taught.
    const [first, ...rest] = SOURCES;
    if (!first) throw new Error('no source');
    const planned = { topic: 'A planned topic', phrase: 'x', status: 'coming', part: 'VII', plannedPath: '/analytics/later/' } as const;
    const sources = [{ ...first, topics: [...first.topics, planned] }, ...rest];
    const arrived = new Map([...chapters, [chapterId(planned.plannedPath), '## Intro']]);
    expect(topicMapProblems(sources, { ...world, articles: undefined, chapters: arrived }).join('\n')).toMatch(
      /exists now; list it as taught/,
    );
  });
});

describe('heading anchors', () => {
  it('follow the slug rule Starlight uses', () => {
    const slugs = headingSlugs(
      [
        '## CAP is the choice you just made',
        '### 4. Restart the coordinator: presumed abort',
        '## What "eventually" means here',
        '## Call, copy or cache: reading another service’s data',
        '## Step 1: `discover` the **domains**',
        '```sql',
        '## not a heading inside a fence',
        '```',
        '## Choosing',
        '## Choosing',
      ].join('\n'),
    );
    expect([...slugs]).toEqual([
      'cap-is-the-choice-you-just-made',
      '4-restart-the-coordinator-presumed-abort',
      'what-eventually-means-here',
      'call-copy-or-cache-reading-another-services-data',
      'step-1-discover-the-domains',
      'choosing',
      'choosing-1',
    ]);
  });

  it('compare phrases without case or line breaks', () => {
    expect(normalise('Saga\n  Pattern')).toBe('saga pattern');
  });
});
