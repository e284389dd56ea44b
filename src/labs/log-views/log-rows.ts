/**
 * Reads whole tables for the checks. Results leave an engine capped at 1,000 rows (see
 * engine/display-limits.ts), so the log and the views are read a page at a time.
 */
import { select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { StoredEvent } from './messages.ts';
import type { Row } from './view.ts';

const PAGE = 500;

/** Every row of `sql`, which must end in an ORDER BY that gives the rows one order. */
export async function selectAll(db: Database, sql: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await select(db, `${sql} LIMIT ${PAGE} OFFSET ${offset}`);
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}

/** The whole log as stored events, in order, for the reference fold. */
export async function readLog(orders: Database): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.position ?? 0;
    const page = await select(
      orders,
      `SELECT position, key, type, data::text AS data, schema FROM log WHERE position > ${after} ORDER BY position LIMIT ${PAGE}`,
    );
    for (const r of page)
      events.push({
        position: Number(r['position']),
        key: String(r['key']),
        type: String(r['type']),
        data: String(r['data']),
        schema: Number(r['schema']),
      });
    if (page.length < PAGE) return events;
  }
}
