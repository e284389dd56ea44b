import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../topic-map/topics.ts';
import { figureValue, formatFigure, lookUp, type FigureRef } from './figures.ts';
import { allAnswers, DEFAULT_ANSWERS, describeStores, QUESTION_IDS, QUESTIONS, recommend, type Answers } from './guide.ts';
import { MATRIX } from './matrix.ts';
import { STEPS, type StepId } from './steps.ts';

const docs = fileURLToPath(new URL('../../content/docs/', import.meta.url));
const chapterFile = (path: string) => join(docs, `${path.replace(/^\/|\/$/g, '')}.mdx`);
const ids = (answers: Answers): StepId[] => recommend(answers).steps.map((s) => s.step.id);
const held = (answers: Answers): StepId[] => recommend(answers).heldBack.map((s) => s.step.id);
const profile = (over: Partial<Answers>): Answers => ({ ...DEFAULT_ANSWERS, ...over });

describe('every step points at something real', () => {
  for (const step of Object.values(STEPS)) {
    it(`${step.id}: its chapter exists and embeds the lab its figures come from`, () => {
      const file = chapterFile(step.chapter.path);
      expect(existsSync(file), file).toBe(true);
      const labs = new Set(step.figures.map((f) => f.lab));
      for (const lab of labs) expect(readFileSync(file, 'utf8'), `${step.chapter.path} embeds ${lab}`).toContain(`labs/${lab}/`);
    });

    it(`${step.id}: every figure is a number in its lab's comparison file`, () => {
      expect(step.figures.length).toBeGreaterThan(0);
      for (const figure of step.figures) expect(typeof figureValue(figure)).toBe('number');
    });
  }

  it('a figure reference that names a missing row, a missing field or a non-number fails', () => {
    const ok: FigureRef = STEPS['cqrs-read-model'].figures[0] ?? expect.unreachable();
    expect(() => figureValue({ ...ok, path: ['rows', { where: { label: 'No such fix' } }, 'lagP99Ms'] })).toThrow(/nothing at/);
    expect(() => figureValue({ ...ok, path: ['rows', { where: { label: 'No fix' } }, 'lagP98Ms'] })).toThrow(/nothing at/);
    expect(() => figureValue({ ...ok, path: ['rows', { where: { label: 'No fix' } }, 'fix'] })).toThrow(/not a number/);
    // Two rows share the pipeline "outbox": naming only that would depend on the rows' order.
    expect(() => lookUp('outbox-relay', ['rows', { where: { pipeline: 'outbox' } }])).toThrow(/matches 2 rows/);
  });

  it('reads the figure from the file, not from the guide', () => {
    const ref: FigureRef = {
      lab: 'cqrs-lag',
      path: ['rows', { where: { label: 'No fix' } }, 'lagP99Ms'],
      what: '',
      unit: 'ms',
      row: 'No fix',
    };
    const file = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../labs/cqrs-lag/comparison.generated.json', import.meta.url)), 'utf8'),
    ) as {
      rows: { label: string; lagP99Ms: number }[];
    };
    const expected = file.rows.find((r) => r.label === 'No fix')?.lagP99Ms ?? Number.NaN;
    expect(figureValue(ref)).toBe(expected);
    expect(formatFigure(ref)).toBe(`${expected.toLocaleString('en')} ms`);
  });
});

describe('every combination of answers', () => {
  const all = [...allAnswers()];

  it('is enumerated: one per choice of one option in each question', () => {
    const expected = QUESTION_IDS.reduce((n, id) => n * QUESTIONS[id].options.length, 1);
    expect(all).toHaveLength(expected);
  });

  it('yields at least one step, starts with the choice of databases, and never both recommends and holds back a step', () => {
    for (const answers of all) {
      const r = recommend(answers);
      expect(r.steps.length, JSON.stringify(answers)).toBeGreaterThan(0);
      expect(['one-database', 'database-per-service']).toContain(r.steps[0]?.step.id);
      const chosen = new Set(r.steps.map((s) => s.step.id));
      for (const h of r.heldBack) expect(chosen.has(h.step.id), `${h.step.id} in ${JSON.stringify(answers)}`).toBe(false);
      for (const s of r.steps) expect(s.reasons.length).toBeGreaterThan(0);
      expect(chosen.has('one-database') && chosen.has('database-per-service')).toBe(false);
    }
  });

  it('recommends a data mesh only at the enterprise stage, with independent teams and analytics across them', () => {
    for (const answers of all) {
      if (ids(answers).includes('data-mesh')) {
        expect(answers).toMatchObject({ stage: 'enterprise', teams: 'independent', analytics: 'cross-domain' });
      }
    }
  });
});

describe('well-known profiles', () => {
  it('a small team with one product keeps one database', () => {
    expect(ids(DEFAULT_ANSWERS)).toEqual(['one-database', 'backups-pitr']);
    expect(recommend(DEFAULT_ANSWERS).stores).toMatchObject({ fixed: 1, perService: false });
  });

  it('counts the stores a path asks someone to run', () => {
    expect(describeStores(recommend(DEFAULT_ANSWERS).stores)).toBe('1 store (the database)');
    expect(describeStores(recommend(profile({ readWrite: 'read-heavy' })).stores)).toBe('3 stores (the database, a follower, a cache)');
    expect(describeStores(recommend(profile({ readWrite: 'write-heavy', volume: 'outgrowing' })).stores)).toBe('one per shard');
    const split = recommend(profile({ teams: 'independent', readWrite: 'write-heavy', volume: 'outgrowing' })).stores;
    expect(describeStores(split)).toBe('2 stores (a message broker, a read store), plus one database per service, plus one per shard');
  });

  it('a small team whose pain is organisational is not told to split its database', () => {
    const answers = profile({ pain: 'organisational' });
    expect(ids(answers)[0]).toBe('one-database');
    expect(held(answers)).toContain('database-per-service');
  });

  it('teams that deploy independently get a database each, an outbox and eventual consistency', () => {
    const answers = profile({ teams: 'independent', stage: 'scale-up' });
    expect(ids(answers).slice(0, 4)).toEqual(['database-per-service', 'outbox-events', 'eventual-consistency', 'cqrs-read-model']);
    expect(recommend(answers).stores.perService).toBe(true);
  });

  it('independent teams whose pages must never be stale compose from the owners instead of keeping a read model', () => {
    const answers = profile({ teams: 'independent', staleness: 'none' });
    expect(ids(answers)).toContain('api-composition');
    expect(ids(answers)).not.toContain('cqrs-read-model');
  });

  it('a read-heavy product that tolerates seconds adds a replica and a cache, not shards', () => {
    const answers = profile({ readWrite: 'read-heavy', volume: 'outgrowing' });
    expect(ids(answers)).toEqual(expect.arrayContaining(['one-database', 'read-replica', 'cache']));
    expect(ids(answers)).not.toContain('sharding');
    expect(held(answers)).toContain('sharding');
  });

  it('a write-heavy system outgrowing one server is sharded', () => {
    expect(ids(profile({ readWrite: 'write-heavy', volume: 'outgrowing' }))).toContain('sharding');
  });

  it('many teams needing analytics across them get a data mesh only at the enterprise stage', () => {
    const manyTeams = { teams: 'independent', analytics: 'cross-domain' } as const;
    for (const stage of ['startup', 'scale-up'] as const) {
      expect(ids(profile({ ...manyTeams, stage }))).toContain('warehouse-cdc');
      expect(ids(profile({ ...manyTeams, stage }))).not.toContain('data-mesh');
      expect(held(profile({ ...manyTeams, stage }))).toContain('data-mesh');
    }
    expect(ids(profile({ ...manyTeams, stage: 'enterprise' }))).toEqual(expect.arrayContaining(['warehouse-cdc', 'data-mesh']));
  });

  it('the recovery point picks the backup step, and personal data adds crypto-shredding', () => {
    expect(ids(profile({ recovery: 'hour' }))).toContain('backups-dump');
    expect(ids(profile({ recovery: 'seconds' }))).toContain('backups-pitr');
    expect(ids(profile({ personal: 'yes' })).at(-1)).toBe('crypto-shredding');
  });
});

describe('the decision matrix', () => {
  const articlesDir = process.env['TOPIC_ARTICLES_DIR'] ?? fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

  it('names steps that exist, and sources the topic map lists', () => {
    const anchors = new Set(SOURCES.map((s) => s.id));
    for (const row of MATRIX) {
      for (const id of row.steps) expect(STEPS[id], `${row.requirement}: ${id}`).toBeDefined();
      expect(anchors.has(row.source.article), row.requirement).toBe(true);
    }
  });

  it.skipIf(!existsSync(articlesDir))('cites sections that are in the source articles', () => {
    for (const row of MATRIX) {
      const file = SOURCES.find((s) => s.id === row.source.article)?.file ?? '';
      expect(readFileSync(join(articlesDir, file), 'utf8'), `${row.requirement}: ${row.source.section}`).toContain(row.source.section);
    }
  });

  it('covers every step the guide can recommend', () => {
    const covered = new Set(MATRIX.flatMap((r) => r.steps));
    for (const id of Object.keys(STEPS)) expect(covered.has(id as StepId), id).toBe(true);
  });
});
