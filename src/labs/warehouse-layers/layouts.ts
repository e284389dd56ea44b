/**
 * Row store against column store, measured by Postgres itself. The same 5,000 tickets are stored twice: as one
 * wide table (every column of a ticket side by side in its row, as Postgres and every OLTP database store
 * them) and as one narrow table per column, keyed by ticket id (the layout a columnar warehouse uses inside
 * its files). A one-column aggregate then reads each, and `EXPLAIN (ANALYZE, BUFFERS)` says how many 8 kB
 * pages it touched.
 */
import type { Cell } from '../engine/types.ts';

export const LAYOUT_ROWS = 5_000;
/** Free-text columns of the wide row: subject, body, notes and the like, which a count by plan never needs. */
const TEXT_COLUMNS = ['subject', 'body', 'first_reply', 'last_reply', 'agent_notes', 'tags'] as const;

export const buildLayoutsSql = [
  'DROP SCHEMA IF EXISTS layout CASCADE',
  'CREATE SCHEMA layout',
  `CREATE TABLE layout.tickets_row AS
SELECT i AS ticket_id, (ARRAY['basic', 'premium'])[1 + i % 2] AS plan, i * 37 % 1000 AS opened_at,
  ${TEXT_COLUMNS.map((c, n) => `repeat(md5((i * ${n + 2})::text), 2) AS ${c}`).join(',\n  ')}
FROM generate_series(1, ${LAYOUT_ROWS}) AS i`,
  'CREATE TABLE layout.col_plan AS SELECT ticket_id, plan FROM layout.tickets_row',
  'CREATE TABLE layout.col_opened_at AS SELECT ticket_id, opened_at FROM layout.tickets_row',
  ...TEXT_COLUMNS.map((c) => `CREATE TABLE layout.col_${c} AS SELECT ticket_id, ${c} FROM layout.tickets_row`),
  'ANALYZE layout.tickets_row',
  'ANALYZE layout.col_plan',
].join(';\n');

export const explainSql = (table: string) =>
  `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT plan, count(*) FROM ${table} GROUP BY plan`;

export const SIZES_SQL = `SELECT pg_relation_size('layout.tickets_row')::int AS row_bytes, pg_relation_size('layout.col_plan')::int AS plan_bytes,
  (SELECT sum(pg_relation_size(c.oid))::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'layout' AND c.relname LIKE 'col\\_%') AS columns_bytes`;

/**
 * Pages the whole plan touched, from EXPLAIN's text: the first "Buffers:" line belongs to the top node, which
 * counts its children's. Planning's own buffers come after a "Planning:" line and are not counted.
 */
export function pagesRead(lines: readonly Cell[]): number {
  const line = lines.map(String).find((l) => /^\s*Buffers: shared/.test(l)) ?? '';
  const hit = /hit=(\d+)/.exec(line)?.[1];
  const read = /read=(\d+)/.exec(line)?.[1];
  return Number(hit ?? 0) + Number(read ?? 0);
}
