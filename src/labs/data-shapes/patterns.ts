/**
 * The access patterns, written once per shape that can serve them. Each Postgres shape's query returns the
 * same columns as the relational one where they answer the same question, so the lab can compare answers
 * row for row. The key-value store has no query language: its procedures are in keyvalue.ts.
 */
import { sqlText } from '../kit/service-sql.ts';
import type { Pattern, Shape } from './messages.ts';
import { cubeOf } from './seed-sql.ts';
import { HOPS, PROBE_CUSTOMER, PROBE_TICKET, SEARCH_WORDS, SIMILAR_TO, TOP_K } from './settings.ts';
import { embed, topicOf } from './vocabulary.ts';

export interface PatternQuery {
  readonly pattern: Pattern;
  readonly shape: Shape;
  readonly sql: string;
}

export const PATTERN_LABEL: Readonly<Record<Pattern, string>> = {
  'customer-with-tickets': `Customer ${PROBE_CUSTOMER} + tickets`,
  'tickets-per-product': 'Tickets per product',
  'ticket-by-id': `Ticket ${PROBE_TICKET} by id`,
  'within-hops': `Within ${HOPS} hops of customer ${PROBE_CUSTOMER}`,
  'matching-words': `Words “${SEARCH_WORDS}”`,
  'most-similar': `Nearest ${TOP_K} to “${SIMILAR_TO}”`,
};

export const PATTERNS = Object.keys(PATTERN_LABEL) as Pattern[];

const words = SEARCH_WORDS.split(' ');

/** The relational store's queries: the tables joined, and the link table walked as a graph. */
export const RELATIONAL_QUERIES: readonly PatternQuery[] = [
  {
    pattern: 'customer-with-tickets',
    shape: 'relational',
    sql: `SELECT c.name AS customer, t.id AS ticket_id, p.name AS product, t.subject, t.status
FROM customers c JOIN tickets t ON t.customer_id = c.id JOIN products p ON p.id = t.product_id
WHERE c.id = ${PROBE_CUSTOMER} ORDER BY t.id`,
  },
  {
    pattern: 'tickets-per-product',
    shape: 'relational',
    sql: `SELECT p.name AS product, count(*)::int AS tickets
FROM tickets t JOIN products p ON p.id = t.product_id GROUP BY p.name ORDER BY p.name`,
  },
  {
    pattern: 'ticket-by-id',
    shape: 'relational',
    sql: `SELECT t.id AS ticket_id, c.name AS customer, p.name AS product, t.subject, t.status
FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN products p ON p.id = t.product_id
WHERE t.id = ${PROBE_TICKET}`,
  },
  {
    pattern: 'within-hops',
    shape: 'graph',
    sql: `WITH RECURSIVE walk (id, hops) AS (
  SELECT ${PROBE_CUSTOMER}, 0
  UNION
  SELECT l.to_id, w.hops + 1 FROM walk w JOIN customer_links l ON l.from_id = w.id WHERE w.hops < ${HOPS}
)
SELECT id AS customer_id, min(hops) AS hops FROM walk WHERE id <> ${PROBE_CUSTOMER} GROUP BY id ORDER BY id`,
  },
  {
    pattern: 'matching-words',
    shape: 'relational',
    sql: `SELECT id AS ticket_id, subject FROM tickets
WHERE ${words.map((w) => `(subject || ' ' || body) ILIKE ${sqlText(`%${w}%`)}`).join(' AND ')}
ORDER BY id LIMIT ${TOP_K}`,
  },
];

/** The derived store's queries: documents, the full-text index and the vectors. */
export const DERIVED_QUERIES: readonly PatternQuery[] = [
  {
    pattern: 'customer-with-tickets',
    shape: 'documents',
    sql: `SELECT d.doc ->> 'name' AS customer, (t ->> 'id')::int AS ticket_id, t -> 'product' ->> 'name' AS product,
  t ->> 'subject' AS subject, t ->> 'status' AS status
FROM customer_docs d, jsonb_array_elements(d.doc -> 'tickets') t
WHERE d.id = ${PROBE_CUSTOMER} ORDER BY ticket_id`,
  },
  {
    pattern: 'tickets-per-product',
    shape: 'documents',
    sql: `SELECT t -> 'product' ->> 'name' AS product, count(*)::int AS tickets
FROM customer_docs d, jsonb_array_elements(d.doc -> 'tickets') t GROUP BY 1 ORDER BY 1`,
  },
  {
    pattern: 'ticket-by-id',
    shape: 'documents',
    sql: `SELECT (t ->> 'id')::int AS ticket_id, d.doc ->> 'name' AS customer, t -> 'product' ->> 'name' AS product,
  t ->> 'subject' AS subject, t ->> 'status' AS status
FROM customer_docs d, jsonb_array_elements(d.doc -> 'tickets') t
WHERE d.doc @> '{"tickets": [{"id": ${PROBE_TICKET}}]}' AND (t ->> 'id')::int = ${PROBE_TICKET}`,
  },
  {
    pattern: 'matching-words',
    shape: 'search',
    sql: `SELECT id AS ticket_id, subject FROM ticket_search, websearch_to_tsquery('english', ${sqlText(SEARCH_WORDS)}) q
WHERE words @@ q ORDER BY ts_rank(words, q) DESC, id LIMIT ${TOP_K}`,
  },
  {
    pattern: 'most-similar',
    shape: 'search',
    sql: `SELECT id AS ticket_id, category FROM ticket_search, websearch_to_tsquery('english', ${sqlText(SIMILAR_TO)}) q
WHERE words @@ q ORDER BY ts_rank(words, q) DESC, id LIMIT ${TOP_K}`,
  },
  {
    pattern: 'most-similar',
    shape: 'vectors',
    // The question is embedded by the same function as the tickets, as a service would call its model.
    sql: `SELECT id AS ticket_id, category FROM ticket_vectors
ORDER BY embedding <-> ${cubeOf(embed(SIMILAR_TO))}, id LIMIT ${TOP_K}`,
  },
];

/** The topic of the similarity question, which its answers are held against. */
export const SIMILAR_TOPIC = topicOf(embed(SIMILAR_TO));
