/**
 * How the broker keeps its place with each consumer: the cursor row per subscription, appending to a
 * topic, and handing a consumer its next record (or the same one again).
 */
import type { Redeliver } from './broker-protocol.ts';
import { rowsOf, sqlInt, sqlText } from './service-sql.ts';
import type { Message, ServiceContext, ServiceName } from '../sim/types.ts';

export type Ctx = ServiceContext<null>;

/** The broker's clocks, as delivery needs them. */
export interface DeliveryClock {
  /** How long the broker waits for an answer before delivering the same record again. */
  readonly ackTimeoutMs: number;
}

export interface Cursor {
  readonly nextSeq: number;
  readonly inFlight: boolean;
  readonly attempts: number;
  readonly unanswered: number;
  readonly paused: boolean;
  readonly deliveries: number;
}

export const where = (consumer: ServiceName, topic: string) => `WHERE consumer = ${sqlText(consumer)} AND topic = ${sqlText(topic)}`;

export async function readCursor(ctx: Ctx, consumer: ServiceName, topic: string): Promise<Cursor | undefined> {
  const [row] = rowsOf(
    await ctx.sql(
      `SELECT next_seq, in_flight, attempts, unanswered, paused, deliveries FROM broker_subscriptions ${where(consumer, topic)}`,
    ),
  );
  if (!row) return undefined;
  return {
    nextSeq: Number(row['next_seq']),
    inFlight: Number(row['in_flight']) === 1,
    attempts: Number(row['attempts']),
    unanswered: Number(row['unanswered']),
    paused: Number(row['paused']) === 1,
    deliveries: Number(row['deliveries']),
  };
}

export async function append(ctx: Ctx, topic: string, key: string, event: Message, onlyFor: ServiceName | null): Promise<number> {
  const result = await ctx.sql(
    `INSERT INTO broker_log (topic, seq, key, type, payload, only_for, published_at)
SELECT ${sqlText(topic)}, coalesce(max(seq), 0) + 1, ${sqlText(key)}, ${sqlText(event.type)}, ${sqlText(JSON.stringify(event))}, ${onlyFor === null ? 'NULL' : sqlText(onlyFor)}, ${sqlInt(ctx.now)}
FROM broker_log WHERE topic = ${sqlText(topic)};
SELECT max(seq) AS seq FROM broker_log WHERE topic = ${sqlText(topic)}`,
  );
  return Number(rowsOf(result)[0]?.['seq'] ?? 0);
}

/**
 * Hands `consumer` the next record meant for it, from its cursor on, if it is not waiting on an answer;
 * with `attempt` above 1, hands it the record it is waiting on again.
 */
export async function deliverNext(ctx: Ctx, options: DeliveryClock, consumer: ServiceName, topic: string, attempt = 1) {
  const cursor = await readCursor(ctx, consumer, topic);
  if (!cursor || cursor.paused || (cursor.inFlight && attempt === 1)) return;
  const [record] = rowsOf(
    await ctx.sql(
      `SELECT seq, key, payload FROM broker_log WHERE topic = ${sqlText(topic)} AND seq >= ${sqlInt(cursor.nextSeq)} AND (only_for IS NULL OR only_for = ${sqlText(consumer)}) ORDER BY seq LIMIT 1`,
    ),
  );
  if (!record) return;
  const seq = Number(record['seq']);
  const delivery = cursor.deliveries + 1;
  await ctx.sql(
    `UPDATE broker_subscriptions SET next_seq = ${sqlInt(seq)}, in_flight = 1, attempts = ${sqlInt(attempt)}, deliveries = ${sqlInt(delivery)} ${where(consumer, topic)}`,
  );
  const event = JSON.parse(String(record['payload'])) as Message;
  ctx.send(consumer, { type: event.type, topic, seq, key: String(record['key']), attempt, event });
  const timer: Redeliver = { type: 'redeliver', consumer, topic, seq, delivery, why: 'no-answer' };
  // The watch over a second or later attempt is a retry: when only such watches are left, every consumer that
  // answers has answered, and the lab waits on a fault the reader set. The first attempt's watch usually finds
  // its answer and does nothing, so it is not one.
  ctx.setTimer(options.ackTimeoutMs, timer, { retry: attempt > 1 });
}
