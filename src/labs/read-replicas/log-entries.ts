/** Change-log entries as rows and back: the leader reads them from `change_log`, a follower stores them in `received_log`. */
import type { Cell } from '../engine/types.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LogEntry } from './messages.ts';

export const ENTRY_COLUMNS = 'lsn, comment_id, parent_id, author, body, posted_at';

export function entryOf(row: Record<string, Cell>): LogEntry {
  return {
    lsn: Number(row['lsn']),
    commentId: Number(row['comment_id']),
    parentId: row['parent_id'] === null ? null : Number(row['parent_id']),
    author: String(row['author']),
    body: String(row['body']),
    postedAt: Number(row['posted_at']),
  };
}

/** An entry as a parenthesised list of SQL values, in ENTRY_COLUMNS order. */
export function entryValues(entry: LogEntry): string {
  const parent = entry.parentId === null ? 'NULL' : sqlInt(entry.parentId);
  return `${sqlInt(entry.lsn)}, ${sqlInt(entry.commentId)}, ${parent}, ${sqlText(entry.author)}, ${sqlText(entry.body)}, ${sqlInt(entry.postedAt)}`;
}
