/** The chapter's exercises, checked against the lab's real databases (two of them on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { factsOf, storedDocuments } from './invariants.ts';
import { HOPS, PROBE_CUSTOMER } from './settings.ts';
import { canonical, documentsOf } from './shapes.ts';

/** A small seeded generator for the hidden graphs and renames (the kernel's is for the lab's own runs). */
function draws(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

/** A graph the reader has not seen: a chain that runs one hop too far, a cycle, and random edges. */
export function hiddenGraph(seed: number): [number, number][] {
  const draw = draws(seed);
  const start = PROBE_CUSTOMER;
  // Chain customers come from a range the random edges never touch, so no shortcut shortens the chain.
  const chain = Array.from({ length: HOPS + 2 }, (_, i) => (i === 0 ? start : 100 + i * 10 + draw(5)));
  const edges: [number, number][] = chain.slice(1).map((to, i) => [chain[i] ?? start, to]);
  // A cycle beside the chain: 1 -> 99 -> 2 is as long as 1 -> 2 -> 3 would be, and a walk must not loop on it.
  edges.push([chain[1] ?? start, 99], [99, chain[2] ?? start]);
  for (let i = 0; i < 25; i++) edges.push([1 + draw(60), 1 + draw(60)]);
  const both = edges.filter(([a, b]) => a !== b).flatMap(([a, b]) => [`${a},${b}`, `${b},${a}`]);
  return [...new Set(both)].map((e) => e.split(',').map(Number) as [number, number]);
}

/** Customers within HOPS of the start, by breadth-first search: what the reader's query must return. */
export function withinHops(edges: readonly [number, number][], start: number, hops: number): number[] {
  const seen = new Map([[start, 0]]);
  let frontier = [start];
  for (let hop = 1; hop <= hops; hop++) {
    frontier = edges.filter(([a, b]) => frontier.includes(a) && !seen.has(b)).map(([, b]) => b);
    for (const id of frontier) seen.set(id, hop);
    frontier = [...new Set(frontier)];
  }
  return [...seen.keys()].filter((id) => id !== start).sort((a, b) => a - b);
}

const HIDDEN: readonly { seed: number; inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0x5a9e1,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'open-ticket' } },
      { step: 0, input: { kind: 'action', actionId: 'link-customers' } },
    ],
  },
];

async function ids(db: Database, sql: string, column: string): Promise<number[] | string> {
  const result = await db.query(sql);
  if (!result.ok) return `Postgres refused it: ${result.error.message}`;
  const last = result.results.at(-1);
  const index = last?.fields.findIndex((f) => f.name === column) ?? -1;
  if (!last || index < 0) return `Name the column ${column}: the check reads it.`;
  return last.rows.map((r) => Number(r[index]));
}

async function walkHiddenGraphs(run: HiddenRunView, sql: string): Promise<string | undefined> {
  const relational = requireDb(run.databases, 'relational');
  for (const graphSeed of [11, 12, 13]) {
    const edges = hiddenGraph(graphSeed);
    const values = edges.map(([a, b]) => `(${a}, ${b}, 'escalation')`).join(', ');
    await select(relational, `DELETE FROM customer_links; INSERT INTO customer_links (from_id, to_id, kind) VALUES ${values};`);
    const got = await ids(relational, sql, 'customer_id');
    if (typeof got === 'string') return got;
    const want = withinHops(edges, PROBE_CUSTOMER, HOPS);
    if (got.length !== new Set(got).size) return `On a graph you have not seen, some customers came out more than once: list each once.`;
    const sorted = [...got].sort((a, b) => a - b);
    if (canonical(sorted) !== canonical(want)) {
      const missing = want.filter((id) => !got.includes(id));
      const extra = sorted.filter((id) => !want.includes(id));
      return `On a graph you have not seen (${edges.length / 2} links, one chain longer than ${HOPS} hops, a cycle), your query ${missing.length > 0 ? `missed customers ${missing.join(', ')}` : ''}${missing.length > 0 && extra.length > 0 ? ' and ' : ''}${extra.length > 0 ? `listed customers ${extra.join(', ')} that are not within ${HOPS} hops (or are customer ${PROBE_CUSTOMER} itself)` : ''}.`;
    }
  }
  return undefined;
}

const walkTheGraph: ExerciseDefinition = {
  id: 'walk-the-graph',
  title: `List the customers within ${HOPS} hops of customer ${PROBE_CUSTOMER}`,
  answer: {
    kind: 'sql',
    service: 'relational',
    placeholder: `WITH RECURSIVE walk (id, hops) AS (\n  SELECT ${PROBE_CUSTOMER}, 0\n  UNION …\n)\nSELECT … AS customer_id FROM walk …`,
  },
  async check(ctx): Promise<CheckResult> {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a query that returns one column, customer_id.' };
    if (!/customer_links/i.test(sql)) return { passed: false, message: 'Walk the links in customer_links.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check runs your query on graphs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => walkHiddenGraphs(run, sql));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message: `On three graphs you never saw, with cycles and a chain one hop too long, your query listed exactly the customers within ${HOPS} hops, each once.`,
    };
  },
};

export const RANK_WORDS = 'card';
export const RANK_REFERENCE = `SELECT id AS ticket_id FROM ticket_search, websearch_to_tsquery('english', ${sqlText(RANK_WORDS)}) q
WHERE words @@ q ORDER BY ts_rank(words, q) DESC, id LIMIT 5`;

const rankTheWords: ExerciseDefinition = {
  id: 'rank-the-words',
  title: `Find the five tickets that best match the word “${RANK_WORDS}”`,
  answer: {
    kind: 'sql',
    service: 'derived',
    placeholder: 'SELECT id AS ticket_id FROM ticket_search … WHERE words @@ … ORDER BY ts_rank(…) DESC, id LIMIT 5',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (!sql.includes('@@'))
      return { passed: false, message: 'Match the tsvector column words against a tsquery with @@, so that the GIN index can serve it.' };
    const derived = requireDb(ctx.databases, 'derived');
    const result = await ctx.run('derived', sql);
    if (!result.ok) return { passed: false, message: `Postgres refused it: ${result.error.message}` };
    const last = result.results.at(-1);
    const index = last?.fields.findIndex((f) => f.name === 'ticket_id') ?? -1;
    if (!last || index < 0) return { passed: false, message: 'Name the column ticket_id: the check reads it.' };
    const got = last.rows.map((r) => Number(r[index]));
    const want = (await select(derived, RANK_REFERENCE)).map((r) => Number(r['ticket_id']));
    if (canonical(got) === canonical(want))
      return {
        passed: true,
        message: `Tickets ${want.join(', ')}, best first: the word in the subject (weight A) and again in the body outranks a mention in the body alone.`,
      };
    return {
      passed: false,
      message: `Your query gave ${got.join(', ') || 'no rows'}; the five best matches, by rank and then by id, are other tickets or in another order. The rank decides the order, and ties go by id.`,
    };
  },
};

/** Renames the reader has not seen: a product and a new name, applied to the relational store and queued for the reader's statement. */
async function renameHidden(run: HiddenRunView, sql: string): Promise<string | undefined> {
  const relational = requireDb(run.databases, 'relational');
  const derived = requireDb(run.databases, 'derived');
  for (const [productId, name] of [
    [4, 'Insights'],
    [1, 'Payments “Pro”'],
  ] as const) {
    await select(relational, `UPDATE products SET name = ${sqlText(name)} WHERE id = ${sqlInt(productId)}`);
    await select(derived, `DELETE FROM product_renames; INSERT INTO product_renames VALUES (${sqlInt(productId)}, ${sqlText(name)});`);
    const result = await derived.query(sql);
    if (!result.ok) return `Postgres refused it: ${result.error.message}`;
    const expected = new Map(documentsOf(await factsOf(relational)).map((d) => [d.id, d]));
    const stored = await storedDocuments(derived);
    const wrong = [...expected.keys()].filter((id) => canonical(expected.get(id)) !== canonical(stored.get(id) ?? null));
    if (wrong.length > 0)
      return `After renaming product ${productId} to “${name}” on a run you have not seen, ${wrong.length} document${wrong.length === 1 ? '' : 's'} differ from the relational join (customers ${wrong.slice(0, 5).join(', ')}${wrong.length > 5 ? ', …' : ''}).`;
  }
  return undefined;
}

const renameInDocuments: ExerciseDefinition = {
  id: 'rename-in-documents',
  title: 'Carry a product rename into every document that copied the name',
  answer: {
    kind: 'sql',
    service: 'derived',
    placeholder: "UPDATE customer_docs SET doc = … FROM product_renames r WHERE doc @> jsonb_build_object('tickets', …)",
  },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (!/product_renames/i.test(sql) || !/customer_docs/i.test(sql))
      return { passed: false, message: 'Read the new name from product_renames and update customer_docs.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check renames products on a run you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => renameHidden(run, sql));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'On a run you never saw, two renames (one with quotes in the new name) left every document equal to the relational join, and the documents without the product untouched.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [walkTheGraph, rankTheWords, renameInDocuments];
