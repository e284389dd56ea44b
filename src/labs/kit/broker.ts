/**
 * A message broker as a service of its own, keeping every topic, cursor and redrive in its own database,
 * so a reader can query the log as they would query Kafka's. Delivery is at least once: each consumer gets
 * a topic's records in order, one at a time, and the broker delivers a record again until that consumer
 * acknowledges it. A consumer that stays silent is paused until it says where to resume. Giving up on a
 * record is the consumer's call: it publishes the record to the dead-letter topic and acknowledges it.
 */
import type { KitServiceSpec } from './define-lab.ts';
import type { Ack, BrokerInbox, BrokerLabTypes, DeadLetter, Nack, Publish, Redeliver, Resume, Subscriptions } from './broker-protocol.ts';
import { brokerSchema, PENDING_DEAD_LETTERS_SQL } from './broker-schema.ts';
import { append, deliverNext, readCursor, where, type Ctx, type Cursor } from './broker-delivery.ts';
import { rowsOf, sqlInt, sqlText } from './service-sql.ts';
import type { ServiceName, TableView } from '../sim/types.ts';

/** How a lab's broker behaves, with the names it uses checked against the lab's types. */
export interface BrokerSpec<L extends BrokerLabTypes> {
  readonly label: string;
  readonly role: string;
  readonly tables?: readonly TableView[];
  /** Which services consume which topics. */
  readonly subscriptions: Subscriptions<L>;
  /** How long the broker waits for an answer before delivering the same record again. */
  readonly ackTimeoutMs: number;
  /** The pause before delivering again a record the consumer refused (nack). */
  readonly retryDelayMs: number;
  /** Deliveries in a row without any answer, after which the broker waits for the consumer to resume. */
  readonly maxUnanswered: number;
  /** A fault id: while it is on, every record is stored twice, as a producer retrying after a lost confirmation would. */
  readonly duplicateFault?: L['faults'];
}

/** The same, once the lab's names have been checked: what the handlers below read. */
interface BrokerOptions {
  readonly subscriptions: Readonly<Record<string, readonly ServiceName[] | undefined>>;
  readonly ackTimeoutMs: number;
  readonly retryDelayMs: number;
  readonly maxUnanswered: number;
  readonly duplicateFault?: string;
}

async function onPublish(ctx: Ctx, options: BrokerOptions, message: Publish) {
  const copies = options.duplicateFault && ctx.isFaultOn(options.duplicateFault) ? 2 : 1;
  for (const record of message.records) {
    for (let i = 0; i < copies; i++) await append(ctx, record.topic, record.key, record.event, null);
    if (copies > 1) ctx.note(`stored ${record.event.type} for ${record.key} twice (duplicate delivery)`);
  }
  const topics = new Set(message.records.map((r) => r.topic));
  for (const topic of topics) for (const consumer of options.subscriptions[topic] ?? []) await deliverNext(ctx, options, consumer, topic);
}

/** An answer counts only for the record the broker is waiting on; anything else is a late echo. */
async function answered(ctx: Ctx, consumer: ServiceName, message: Ack | Nack): Promise<Cursor | undefined> {
  const cursor = await readCursor(ctx, consumer, message.topic);
  const waiting = cursor?.nextSeq === message.seq && (cursor.inFlight || cursor.paused);
  return waiting ? cursor : undefined;
}

async function onAck(ctx: Ctx, options: BrokerOptions, consumer: ServiceName, message: Ack) {
  const cursor = await answered(ctx, consumer, message);
  if (!cursor) return;
  await ctx.sql(
    `UPDATE broker_subscriptions SET next_seq = ${sqlInt(message.seq + 1)}, in_flight = 0, attempts = 0, unanswered = 0, paused = 0, deliveries = ${sqlInt(cursor.deliveries + 1)} ${where(consumer, message.topic)}`,
  );
  await deliverNext(ctx, options, consumer, message.topic);
}

async function onNack(ctx: Ctx, options: BrokerOptions, consumer: ServiceName, message: Nack) {
  const cursor = await answered(ctx, consumer, message);
  if (!cursor) return;
  const delivery = cursor.deliveries + 1;
  await ctx.sql(
    `UPDATE broker_subscriptions SET in_flight = 1, unanswered = 0, paused = 0, deliveries = ${sqlInt(delivery)} ${where(consumer, message.topic)}`,
  );
  const timer: Redeliver = { type: 'redeliver', consumer, topic: message.topic, seq: message.seq, delivery, why: 'retry' };
  ctx.setTimer(options.retryDelayMs, timer);
}

async function onRedeliver(ctx: Ctx, options: BrokerOptions, timer: Redeliver) {
  const cursor = await readCursor(ctx, timer.consumer, timer.topic);
  if (!cursor?.inFlight || cursor.nextSeq !== timer.seq || cursor.deliveries !== timer.delivery) return;
  if (timer.why === 'no-answer' && cursor.unanswered + 1 >= options.maxUnanswered) {
    await ctx.sql(
      `UPDATE broker_subscriptions SET in_flight = 0, paused = 1, unanswered = unanswered + 1 ${where(timer.consumer, timer.topic)}`,
    );
    ctx.note(
      `${timer.consumer} has not answered ${options.maxUnanswered} deliveries of ${timer.topic} #${timer.seq}: waiting for it to resume`,
    );
    return;
  }
  if (timer.why === 'no-answer')
    await ctx.sql(`UPDATE broker_subscriptions SET unanswered = unanswered + 1 ${where(timer.consumer, timer.topic)}`);
  await deliverNext(ctx, options, timer.consumer, timer.topic, cursor.attempts + 1);
}

async function onResume(ctx: Ctx, options: BrokerOptions, consumer: ServiceName, message: Resume) {
  const cursor = await readCursor(ctx, consumer, message.topic);
  if (!cursor) return;
  // The consumer's own position is the authority: it committed it together with its effects.
  await ctx.sql(
    `UPDATE broker_subscriptions SET next_seq = ${sqlInt(message.from)}, in_flight = 0, attempts = 0, unanswered = 0, paused = 0, deliveries = ${sqlInt(cursor.deliveries + 1)} ${where(consumer, message.topic)}`,
  );
  await deliverNext(ctx, options, consumer, message.topic);
}

async function onRedrive(ctx: Ctx, options: BrokerOptions) {
  const parked = rowsOf(await ctx.sql(PENDING_DEAD_LETTERS_SQL));
  for (const row of parked) {
    const letter = JSON.parse(String(row['payload'])) as DeadLetter;
    const seq = await append(ctx, letter.topic, String(row['key']), letter.event, letter.consumer);
    await ctx.sql(
      `INSERT INTO broker_redriven (dead_letter_seq, topic, consumer, redriven_seq, redriven_at) VALUES (${sqlInt(Number(row['seq']))}, ${sqlText(letter.topic)}, ${sqlText(letter.consumer)}, ${sqlInt(seq)}, ${sqlInt(ctx.now)})`,
    );
    ctx.note(`redrove dead letter #${String(row['seq'])} to ${letter.consumer} as ${letter.topic} #${seq}`);
    await deliverNext(ctx, options, letter.consumer, letter.topic);
  }
  if (parked.length === 0) ctx.note('no dead letter to redrive');
}

/** The broker as a lab's service, keeping its log in SQLite. Its inbox is `BrokerInbox`. */
export function brokerService<L extends BrokerLabTypes>(spec: BrokerSpec<L>): KitServiceSpec<BrokerInbox, null> {
  const options: BrokerOptions = spec;
  const subscriptions = Object.fromEntries(Object.entries(options.subscriptions).map(([topic, consumers]) => [topic, consumers ?? []]));
  return {
    label: spec.label,
    role: spec.role,
    database: { kind: 'sqlite', setupSql: brokerSchema({ subscriptions }) },
    tables: spec.tables ?? [],
    initialState: () => null,
    on: {
      publish: (ctx, message) => onPublish(ctx, options, message),
      ack: (ctx, message, from) => onAck(ctx, options, from, message),
      nack: (ctx, message, from) => onNack(ctx, options, from, message),
      resume: (ctx, message, from) => onResume(ctx, options, from, message),
      redrive: (ctx) => onRedrive(ctx, options),
      redeliver: (ctx, message) => onRedeliver(ctx, options, message),
    },
    /** Timers die with the broker; records it was waiting on are delivered again. */
    async recover(ctx) {
      const waiting = rowsOf(
        await ctx.sql('SELECT consumer, topic FROM broker_subscriptions WHERE in_flight = 1 ORDER BY consumer, topic'),
      );
      for (const row of waiting) {
        const consumer = String(row['consumer']);
        const topic = String(row['topic']);
        const cursor = await readCursor(ctx, consumer, topic);
        if (cursor) await deliverNext(ctx, options, consumer, topic, cursor.attempts + 1);
      }
    },
  };
}
