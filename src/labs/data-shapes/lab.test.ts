import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { renameInDocumentsSql } from './derived.ts';
import { hiddenGraph, RANK_REFERENCE, withinHops } from './exercises.ts';
import { syncFigures, writeFigures } from './figures.ts';
import { shapesLab } from './lab.ts';
import type { ShapesFact } from './messages.ts';
import { RELATIONAL_QUERIES } from './patterns.ts';
import { HOPS, PROBE_CUSTOMER, SLOW_SYNC_MS } from './settings.ts';

const lab = shapesLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: string, on = true): ReaderInput => ({ kind: 'fault', faultId, on });
const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const ALL_HOLD = { 'documents-equal-join': 'holds', 'key-values-equal-tables': 'holds', 'search-and-vectors-cover-tickets': 'holds' };
const facts = (sim: Simulation) => factsOf<ShapesFact>(sim.trace);

export const CORRECT_WALK = `WITH RECURSIVE walk (id, hops) AS (
  SELECT ${PROBE_CUSTOMER}, 0
  UNION
  SELECT l.to_id, w.hops + 1 FROM walk w JOIN customer_links l ON l.from_id = w.id WHERE w.hops < ${HOPS}
)
SELECT DISTINCT id AS customer_id FROM walk WHERE id <> ${PROBE_CUSTOMER}`;

export const CORRECT_RENAME = `UPDATE customer_docs SET doc = jsonb_set(doc, '{tickets}', (
  SELECT jsonb_agg(CASE WHEN (t -> 'product' ->> 'id')::int = r.product_id
    THEN jsonb_set(t, '{product,name}', to_jsonb(r.name)) ELSE t END ORDER BY (t ->> 'id')::int)
  FROM jsonb_array_elements(doc -> 'tickets') t))
FROM product_renames r
WHERE doc @> jsonb_build_object('tickets', jsonb_build_array(jsonb_build_object('product', jsonb_build_object('id', r.product_id))))`;

describe('one data set in six shapes', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('keeps every shape equal to the tables through redelivery and a slow path, and the same seed gives the same trace', async () => {
    // The first test: the databases are as the lab opened them.
    const play = async () => {
      const sim = new Simulation({ lab, seed: 3, databases: env.databases });
      for (const input of [
        fault('redelivery'),
        fault('slow-kv-sync'),
        action('rename-product'),
        action('open-ticket'),
        action('link-customers'),
      ])
        await sim.apply(input);
      await sim.runUntilQuiet(20_000);
      return sim;
    };
    const sim = new Simulation({ lab, seed: 3, databases: env.databases });
    // While the key-value store's changes are still on their way, its invariant waits rather than fails.
    for (const input of [fault('slow-kv-sync'), action('rename-product')]) await sim.apply(input);
    // Three steps: the desk, the relational store, the derived store; the key-value store's copy is 400 ms away.
    for (let i = 0; i < 3; i++) await sim.step();
    expect(sim.now).toBeLessThan(SLOW_SYNC_MS);
    expect((await sim.checkInvariants()).get('key-values-equal-tables')?.status).toBe('pending');
    await env.reset();
    const first = await play();
    expect(statuses(await first.checkInvariants())).toEqual(ALL_HOLD);
    expect(syncFigures(facts(first)).duplicates).toBe(3);
    const rename = writeFigures(facts(first)).find((w) => w.change === 'product-renamed');
    expect(rename?.byShape.relational).toBe(1);
    expect(rename?.byShape.documents).toBeGreaterThan(10);
    await env.reset();
    expect((await play()).hash()).toBe(first.hash());
  }, 60_000);

  it('a rename that forgets the documents leaves them with the old name, and the invariant says which', async () => {
    await env.reset();
    const sim = new Simulation({ lab, seed: 4, databases: env.databases });
    await sim.apply(fault('rename-forgets-documents'));
    await sim.apply(action('rename-product'));
    await sim.runUntilQuiet(20_000);
    const result = (await sim.checkInvariants()).get('documents-equal-join');
    expect(result?.status).toBe('broken');
    expect(result?.summary).toMatch(/\d+ documents disagree/);
    const [docs] = await select(
      requireDb(env.databases, 'derived'),
      `SELECT count(*)::int AS n FROM customer_docs WHERE doc @> '{"tickets": [{"product": {"name": "Helpdesk"}}]}'`,
    );
    expect(docs?.['n']).toBeGreaterThan(10);
  }, 60_000);

  it('rank-the-words accepts a ranked full-text query and refuses an unranked one', async () => {
    await env.reset();
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect(await exercises.check('rank-the-words', sim, RANK_REFERENCE)).toMatchObject({ passed: true });
    const unranked = RANK_REFERENCE.replace('ORDER BY ts_rank(words, q) DESC, id', 'ORDER BY id');
    expect((await exercises.check('rank-the-words', sim, unranked)).passed).toBe(false);
    expect(
      (await exercises.check('rank-the-words', sim, "SELECT id AS ticket_id FROM ticket_search WHERE body ILIKE '%refund%' LIMIT 5"))
        .passed,
    ).toBe(false);
  }, 60_000);

  it('walk-the-graph checks a query on hidden graphs: the walk passes, one that walks a hop too far fails', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect(await exercises.check('walk-the-graph', sim, CORRECT_WALK)).toMatchObject({ passed: true });
    // The hidden graphs really hold a chain longer than the limit, so a deeper walk lists too many.
    const deeper = CORRECT_WALK.replace(`w.hops < ${HOPS}`, `w.hops < ${HOPS + 1}`);
    expect((await exercises.check('walk-the-graph', sim, deeper)).message).toMatch(/not within/);
    const edges = hiddenGraph(11);
    expect(withinHops(edges, PROBE_CUSTOMER, HOPS + 1).length).toBeGreaterThan(withinHops(edges, PROBE_CUSTOMER, HOPS).length);
    // The lab's own graph query is the same walk.
    expect(RELATIONAL_QUERIES.find((q) => q.pattern === 'within-hops')?.sql).toMatch(/WITH RECURSIVE/);
  }, 90_000);

  it('rename-in-documents passes a statement that rewrites every copy, and fails one that rewrites only the first ticket', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect(await exercises.check('rename-in-documents', sim, CORRECT_RENAME)).toMatchObject({ passed: true });
    const firstOnly = `UPDATE customer_docs SET doc = jsonb_set(doc, '{tickets,0,product,name}', to_jsonb(r.name)) FROM product_renames r
WHERE (doc -> 'tickets' -> 0 -> 'product' ->> 'id')::int = r.product_id`;
    expect((await exercises.check('rename-in-documents', sim, firstOnly)).message).toMatch(/differ from the relational join/);
    expect(renameInDocumentsSql(2, 'X')).toMatch(/RETURNING id AS documents_written/);
  }, 90_000);
});

/** Random reader schedules: changes and pattern runs, with the sync faults on and off between them. */
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 30 }),
    input: fc.oneof(
      fc.constantFrom('rename-product', 'open-ticket', 'link-customers', 'run-patterns').map(action),
      fc
        .record({ faultId: fc.constantFrom('slow-kv-sync', 'redelivery'), on: fc.boolean() })
        .map((f): ReaderInput => ({ kind: 'fault', ...f })),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

async function runSchedule(definition: LabDefinition, seed: number, plan: readonly { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  // Every schedule renames at least once, so that a rename's bug has something to break.
  await sim.apply(action('rename-product'));
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  await sim.runUntilQuiet(20_000);
  return { quiet: sim.quiet, invariants: await sim.checkInvariants() };
}

describe('invariants under random schedules (property)', () => {
  it('hold whatever the order, redelivery and delay: every shape equals the tables once the lab is quiet', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { quiet, invariants } = await runSchedule(lab, seed, plan);
        expect(quiet).toBe(true);
        expect(statuses(invariants)).toEqual(ALL_HOLD);
      }),
      { numRuns: propertyRuns(2) },
    );
  }, 120_000);

  it('catch a rename that forgets the documents', async () => {
    const broken = shapesLab('rename-forgets-documents');
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { invariants } = await runSchedule(broken, seed, plan);
        return invariants.get('documents-equal-join')?.status === 'holds';
      }),
      // One schedule that breaks it is all this test needs.
      { numRuns: propertyRuns(2), endOnFailure: true },
    );
    expect(outcome.failed).toBe(true);
  }, 120_000);
});
