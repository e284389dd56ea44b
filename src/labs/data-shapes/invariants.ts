/**
 * The shapes hold the same facts. Each invariant rebuilds a shape from the relational store's rows with the
 * same builder the setup used (shapes.ts) and compares it with what the store holds, once the store has
 * applied every change in the log; before that the difference is lag, not disagreement.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { Agent, Customer, DataSet, Link, Product, Ticket } from './dataset.ts';
import type { ShapesLab } from './messages.ts';
import { canonical, documentsOf, keyValuesOf } from './shapes.ts';

/** The relational store's facts, read back as the data set they started from. */
export async function factsOf(relational: Database): Promise<DataSet> {
  const [products, agents, customers, tickets, links] = await Promise.all([
    select(relational, 'SELECT id, name FROM products ORDER BY id'),
    select(relational, 'SELECT id, name FROM agents ORDER BY id'),
    select(relational, 'SELECT id, name, tier, account FROM customers ORDER BY id'),
    select(relational, 'SELECT id, customer_id, product_id, agent_id, category, subject, body, status FROM tickets ORDER BY id'),
    select(relational, 'SELECT from_id, to_id, kind FROM customer_links ORDER BY from_id, to_id'),
  ]);
  return {
    products: products.map((r) => ({ id: Number(r['id']), name: String(r['name']) }) satisfies Product),
    agents: agents.map((r) => ({ id: Number(r['id']), name: String(r['name']) }) satisfies Agent),
    customers: customers.map((r) => ({
      id: Number(r['id']),
      name: String(r['name']),
      tier: r['tier'] as Customer['tier'],
      account: Number(r['account']),
    })),
    tickets: tickets.map((r): Ticket => ({
      id: Number(r['id']),
      customerId: Number(r['customer_id']),
      productId: Number(r['product_id']),
      agentId: Number(r['agent_id']),
      category: r['category'] as Ticket['category'],
      subject: String(r['subject']),
      body: String(r['body']),
      status: r['status'] as Ticket['status'],
    })),
    links: links.map((r): Link => ({ from: Number(r['from_id']), to: Number(r['to_id']), kind: r['kind'] as Link['kind'] })),
  };
}

async function head(relational: Database): Promise<number> {
  const [row] = await select(relational, 'SELECT coalesce(max(position), 0) AS head FROM change_log');
  return Number(row?.['head'] ?? 0);
}

async function applied(db: Database): Promise<number> {
  const [row] = await select(db, 'SELECT position FROM applied_position');
  return Number(row?.['position'] ?? 0);
}

/** Documents as the derived store holds them, read element by element (a whole document can be longer than a result cell). */
export async function storedDocuments(derived: Database): Promise<Map<number, unknown>> {
  const rows = await select(
    derived,
    `SELECT d.id, d.doc - 'tickets' AS head, t.e::text AS element FROM customer_docs d
LEFT JOIN LATERAL jsonb_array_elements(d.doc -> 'tickets') WITH ORDINALITY AS t (e, ord) ON true ORDER BY d.id, t.ord`,
  );
  const docs = new Map<number, { tickets: unknown[] } & Record<string, unknown>>();
  for (const r of rows) {
    const id = Number(r['id']);
    const doc = docs.get(id) ?? { ...(JSON.parse(String(r['head'])) as Record<string, unknown>), tickets: [] };
    if (r['element'] !== null) doc.tickets.push(JSON.parse(String(r['element'])));
    docs.set(id, doc);
  }
  return docs;
}

/** Ids whose stored value differs from the expected one, or is missing from either side. */
function differing(expected: ReadonlyMap<string | number, unknown>, stored: ReadonlyMap<string | number, unknown>) {
  const keys = new Set([...expected.keys(), ...stored.keys()]);
  return [...keys].filter((k) => canonical(expected.get(k) ?? null) !== canonical(stored.get(k) ?? null));
}

type Dbs = ReadonlyMap<keyof ShapesLab['inbox'] & string, Database>;

async function behind(dbs: Dbs, store: 'derived' | 'keyvalue', quiet: boolean) {
  const [h, a] = await Promise.all([head(requireDb(dbs, 'relational')), applied(requireDb(dbs, store))]);
  if (a >= h) return undefined;
  return quiet
    ? ({ status: 'broken', summary: `The lab is quiet, yet the ${store} store applied changes up to ${a} of ${h}.` } as const)
    : ({ status: 'pending', summary: `The ${store} store has applied changes up to ${a} of ${h}; the rest are on their way.` } as const);
}

const documentsEqualJoin: InvariantSpec<ShapesLab> = {
  id: 'documents-equal-join',
  label: 'Every customer document equals the relational join of that customer, its tickets, products and agents',
  async check(dbs, quiet) {
    const lag = await behind(dbs, 'derived', quiet);
    if (lag) return lag;
    const expected = new Map(documentsOf(await factsOf(requireDb(dbs, 'relational'))).map((d) => [d.id, d]));
    const wrong = differing(expected, await storedDocuments(requireDb(dbs, 'derived')));
    if (wrong.length === 0) return { status: 'holds', summary: `All ${expected.size} documents equal the join.` };
    return {
      status: 'broken',
      summary: `${wrong.length} document${wrong.length === 1 ? '' : 's'} disagree with the relational store (customers ${wrong.slice(0, 6).join(', ')}${wrong.length > 6 ? ', …' : ''}).`,
      rows: wrong.slice(0, 10).map((id) => ({ customer: String(id) })),
    };
  },
};

const keyValuesEqualTables: InvariantSpec<ShapesLab> = {
  id: 'key-values-equal-tables',
  label: 'Every key-value entry equals what the relational rows say for that customer or ticket',
  async check(dbs, quiet) {
    const lag = await behind(dbs, 'keyvalue', quiet);
    if (lag) return lag;
    const expected = keyValuesOf(await factsOf(requireDb(dbs, 'relational')));
    const kv = requireDb(dbs, 'keyvalue');
    // Two reads, each well under the engine's cap on rows per result.
    const rows = [
      ...(await select(kv, "SELECT key, value FROM kv WHERE key >= 'customer:' AND key < 'customer;'")),
      ...(await select(kv, "SELECT key, value FROM kv WHERE key >= 'ticket:' AND key < 'ticket;'")),
    ];
    const stored = new Map(rows.map((r) => [String(r['key']), JSON.parse(String(r['value'])) as unknown]));
    const wrong = differing(expected, stored);
    if (wrong.length === 0) return { status: 'holds', summary: `All ${expected.size} values equal the relational rows.` };
    return {
      status: 'broken',
      summary: `${wrong.length} value${wrong.length === 1 ? '' : 's'} disagree with the relational store (${wrong.slice(0, 4).join(', ')}${wrong.length > 4 ? ', …' : ''}).`,
      rows: wrong.slice(0, 10).map((key) => ({ key: String(key) })),
    };
  },
};

const indexesCoverTickets: InvariantSpec<ShapesLab> = {
  id: 'search-and-vectors-cover-tickets',
  label: 'The search index and the vectors hold each ticket once, with the relational store’s text and category',
  async check(dbs, quiet) {
    const lag = await behind(dbs, 'derived', quiet);
    if (lag) return lag;
    const tickets = (await factsOf(requireDb(dbs, 'relational'))).tickets;
    const derived = requireDb(dbs, 'derived');
    const search = await select(derived, 'SELECT id, customer_id, category, subject, body FROM ticket_search ORDER BY id');
    const vectors = await select(derived, 'SELECT id, category FROM ticket_vectors ORDER BY id');
    const expectedSearch = new Map(
      tickets.map((t) => [t.id, { id: t.id, customer_id: t.customerId, category: t.category, subject: t.subject, body: t.body }]),
    );
    const expectedVectors = new Map(tickets.map((t) => [t.id, { id: t.id, category: t.category }]));
    const wrong = [
      ...differing(expectedSearch, new Map(search.map((r) => [Number(r['id']), r]))).map((id) => `search ${id}`),
      ...differing(expectedVectors, new Map(vectors.map((r) => [Number(r['id']), r]))).map((id) => `vector ${id}`),
    ];
    if (wrong.length === 0)
      return { status: 'holds', summary: `${tickets.length} tickets in the search index and in the vectors, as in the relational store.` };
    return {
      status: 'broken',
      summary: `${wrong.length} rows disagree: ${wrong.slice(0, 6).join(', ')}.`,
      rows: wrong.slice(0, 10).map((w) => ({ row: w })),
    };
  },
};

export const invariants: readonly InvariantSpec<ShapesLab>[] = [documentsEqualJoin, keyValuesEqualTables, indexesCoverTickets];
