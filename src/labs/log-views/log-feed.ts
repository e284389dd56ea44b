/**
 * The log's side of the order service: it hands any view the events after the position the view asks
 * for, and tells subscribers when the log grows. This is the part Kafka plays in a real system; the views
 * keep their own positions, so the log holds no state about how far each has got.
 */
import type { MessageOfType } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import { isView, type LogViews, type StoredEvent } from './messages.ts';
import { BATCH_LIMIT } from './settings.ts';
import type { OrdersCtx } from './writer.ts';

type Msg<T extends string> = MessageOfType<LogViews['inbox']['orders'], T>;

/** The writer's schema as one fingerprint: the same before and after a view is added. */
export const WRITER_SCHEMA_SQL = `SELECT md5(string_agg(table_name || '.' || column_name || ' ' || data_type, ', '
  ORDER BY table_name, ordinal_position)) AS fingerprint
FROM information_schema.columns WHERE table_schema = 'public'`;

export async function tellSubscribers(ctx: OrdersCtx, head: number) {
  for (const row of rowsOf(await ctx.sql('SELECT consumer FROM subscribers ORDER BY consumer'))) {
    const consumer = String(row['consumer']);
    if (isView(consumer)) ctx.send(consumer, { type: 'appended', head });
  }
}

async function fetch(ctx: OrdersCtx, m: Msg<'fetch'>, from: string) {
  if (!isView(from)) return;
  const bound = m.upTo === null ? '' : ` AND position <= ${sqlInt(m.upTo)}`;
  const result = await ctx.sql(
    `SELECT position, key, type, data::text AS data, schema FROM log WHERE position > ${sqlInt(m.after)}${bound} ORDER BY position LIMIT ${sqlInt(BATCH_LIMIT)};
     SELECT coalesce(max(position), 0) AS head FROM log`,
  );
  if (!result.ok) return;
  const events: StoredEvent[] = (result.results[0]?.rows ?? []).map(([position, key, type, data, schema]) => ({
    position: Number(position),
    key: String(key),
    type: String(type),
    data: String(data),
    schema: Number(schema),
  }));
  const head = Number(rowsOf(result)[0]?.['head'] ?? 0);
  const first = events[0]?.position;
  const last = events.at(-1)?.position;
  const holds =
    first === undefined || last === undefined ? 'nothing new' : first === last ? `position ${first}` : `positions ${first}–${last}`;
  ctx.send(from, { type: 'batch', holds, fetchId: m.fetchId, after: m.after, events, head });
}

async function subscribe(ctx: OrdersCtx, _m: Msg<'subscribe'>, from: string) {
  if (!isView(from)) return;
  await ctx.sql(`INSERT INTO subscribers (consumer) VALUES (${sqlText(from)}) ON CONFLICT DO NOTHING`);
  const [schema] = rowsOf(await ctx.sql(WRITER_SCHEMA_SQL));
  const [head] = rowsOf(await ctx.sql('SELECT coalesce(max(position), 0) AS head FROM log'));
  ctx.fact({ kind: 'subscribed', view: from, head: Number(head?.['head'] ?? 0), writerSchema: String(schema?.['fingerprint']) });
  ctx.note(`${from} subscribed: it will be told when the log grows`);
}

export const feedHandlers = { fetch, subscribe } as const;
