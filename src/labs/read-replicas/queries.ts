/**
 * The reads a browser can ask for, as SQL. The leader and the followers answer them from the same
 * `comments` table, each with its own position in the log, read in the same call as the rows.
 */
import type { QueryResult } from '../engine/types.ts';
import { rowsOf, sqlInt } from '../kit/service-sql.ts';
import type { CommentRow, Query } from './messages.ts';

export function readSql(query: Query, positionSql: string): string {
  const rows =
    query.kind === 'thread'
      ? 'SELECT id, parent_id, author FROM comments ORDER BY id;'
      : `SELECT id, parent_id, author FROM comments WHERE id = ${sqlInt(query.id)};`;
  return `${positionSql}\n${rows}`;
}

/** The position (first statement) and the rows (second) of a read built by `readSql`. */
export function answerOf(result: QueryResult): { position: number; rows: CommentRow[] } | undefined {
  if (!result.ok) return undefined;
  const [position, rows] = result.results;
  return {
    position: Number(position?.rows[0]?.[0] ?? 0),
    rows: rowsOf({ ...result, results: rows ? [rows] : [] }).map((r) => ({
      id: Number(r['id']),
      parentId: r['parent_id'] === null ? null : Number(r['parent_id']),
      author: String(r['author']),
    })),
  };
}

export function describeQuery(query: Query): string {
  return query.kind === 'thread' ? 'thread' : `comment ${query.id}`;
}
