/**
 * The broker as a service sees it, with the two tables every producer and consumer keeps in its own
 * database: its position in each topic it consumes, and an outbox of records to publish.
 *
 * The outbox is written in the same local transaction as the effect it announces, so a crash can delay
 * a record but never lose it, and can never announce an effect that did not commit. The position is
 * written in that transaction too, so a restarted consumer knows exactly where to resume.
 *
 * The helpers take any typed handler context of a lab whose broker accepts `BrokerInbox`; a lab without
 * one, or whose broker accepts less, does not compile.
 */
import type { QueryResult } from '../engine/types.ts';
import type { Message, ServiceName } from '../sim/types.ts';
import { BROKER, DEAD_LETTER_TOPIC, type BrokerInbox, type DeadLetter, type Delivery, type PublishedRecord } from './broker-protocol.ts';
import { rowsOf, sqlInt, sqlText } from './service-sql.ts';

/** Portable SQL for a service's own database. */
export const BROKER_CLIENT_SCHEMA = `
-- The last record this service processed in each topic it consumes (its consumer offset).
CREATE TABLE consumer_offsets (
  topic    TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL
);
-- Records written with the local transaction that caused them, published after it commits.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  topic      TEXT NOT NULL,
  key        TEXT NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER
);
`;

/** What the helpers need of a service's context: its own database, the clock, and a way to the broker. */
export interface BrokerClientContext {
  readonly name: ServiceName;
  readonly now: number;
  readonly sql: (text: string) => Promise<QueryResult>;
  readonly send: (to: typeof BROKER, message: BrokerInbox) => void;
}

/** Moves this consumer's position in `topic` forward to `seq`, never back. Goes inside the local transaction. */
export function positionSql(topic: string, seq: number): string {
  return `INSERT INTO consumer_offsets (topic, last_seq) VALUES (${sqlText(topic)}, ${sqlInt(seq)})
ON CONFLICT (topic) DO UPDATE SET last_seq = excluded.last_seq WHERE consumer_offsets.last_seq < excluded.last_seq`;
}

/** Queues a record in the outbox. Goes inside the local transaction. */
export function outboxSql(publication: PublishedRecord, now: number): string {
  return `INSERT INTO outbox (id, topic, key, type, payload, created_at)
SELECT coalesce(max(id), 0) + 1, ${sqlText(publication.topic)}, ${sqlText(publication.key)}, ${sqlText(publication.event.type)}, ${sqlText(JSON.stringify(publication.event))}, ${sqlInt(now)} FROM outbox`;
}

/** True when this consumer already committed `seq` of `topic` (or a later record). */
export async function alreadyProcessed(ctx: BrokerClientContext, topic: string, seq: number): Promise<boolean> {
  const [row] = rowsOf(await ctx.sql(`SELECT last_seq FROM consumer_offsets WHERE topic = ${sqlText(topic)}`));
  return row !== undefined && Number(row['last_seq']) >= seq;
}

/** Sends records to the broker in one message, so they keep their order. */
export function publishNow(ctx: BrokerClientContext, records: readonly PublishedRecord[]) {
  if (records.length === 0) return;
  const summary = records.map((r) => `${r.event.type} ${r.key}`).join(', ');
  ctx.send(BROKER, { type: 'publish', summary, records });
}

/** Publishes every record still waiting in the outbox, oldest first, and marks them sent. */
export async function flushOutbox(ctx: BrokerClientContext): Promise<number> {
  const waiting = rowsOf(await ctx.sql('SELECT id, topic, key, payload FROM outbox WHERE sent_at IS NULL ORDER BY id'));
  if (waiting.length === 0) return 0;
  // The payloads were written by outboxSql from records the lab's types checked; they go out as they came in.
  publishNow(
    ctx,
    waiting.map((row) => ({ topic: String(row['topic']), key: String(row['key']), event: JSON.parse(String(row['payload'])) as Message })),
  );
  const last = Number(waiting.at(-1)?.['id']);
  await ctx.sql(`UPDATE outbox SET sent_at = ${sqlInt(ctx.now)} WHERE sent_at IS NULL AND id <= ${sqlInt(last)}`);
  return waiting.length;
}

export function ack(ctx: BrokerClientContext, delivery: Delivery) {
  ctx.send(BROKER, { type: 'ack', topic: delivery.topic, seq: delivery.seq });
}

export function nack(ctx: BrokerClientContext, delivery: Delivery, reason: string) {
  ctx.send(BROKER, { type: 'nack', topic: delivery.topic, seq: delivery.seq, reason });
}

/** After a restart: asks the broker to deliver each topic again from just after the stored position. */
export async function resumeTopics(ctx: BrokerClientContext, topics: readonly string[]) {
  const stored = new Map(
    rowsOf(await ctx.sql('SELECT topic, last_seq FROM consumer_offsets')).map((r) => [String(r['topic']), Number(r['last_seq'])]),
  );
  for (const topic of topics) ctx.send(BROKER, { type: 'resume', topic, from: (stored.get(topic) ?? 0) + 1 });
}

/** The record a consumer publishes when it gives up on a delivery. */
export function deadLetter(delivery: Delivery, consumer: ServiceName, reason: string) {
  const letter: DeadLetter = {
    type: `dead:${delivery.event.type}`,
    topic: delivery.topic,
    seq: delivery.seq,
    consumer,
    reason,
    event: delivery.event,
  };
  return { topic: DEAD_LETTER_TOPIC, key: delivery.key, event: letter } as const;
}
