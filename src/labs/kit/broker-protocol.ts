/**
 * What producers, consumers and the broker say to each other. The broker (broker.ts) stands for a log-based
 * message broker such as Kafka: topics are append-only logs, each record has a sequence number (its offset),
 * and a consumer says where to resume from, because it keeps its own position in its own database.
 */
import type { Message, ServiceName } from '../sim/types.ts';

/** The topic where consumers put a record they gave up on, for a person to look at and redrive. */
export const DEAD_LETTER_TOPIC = 'dead-letters';

/** One record for a topic. `key` names the business entity, e.g. an order id. */
export type PublishedRecord = {
  readonly topic: string;
  readonly key: string;
  readonly event: Message;
};

/**
 * A producer hands records to the broker in one message, so they are stored in the order it wrote them
 * (the network may reorder separate messages). `summary` names them for the timeline.
 */
export type Publish = {
  readonly type: 'publish';
  readonly summary: string;
  readonly records: readonly PublishedRecord[];
};

/**
 * One record handed to one consumer. Its `type` repeats the event's type, so a timeline shows
 * "stock-reserved" rather than a generic "deliver". `attempt` counts deliveries of this record to this consumer.
 */
export type Delivery = {
  readonly type: string;
  readonly topic: string;
  readonly seq: number;
  readonly key: string;
  readonly attempt: number;
  readonly event: Message;
};

/** The consumer is done with the record: processed, skipped, or parked in the dead-letter topic. */
export type Ack = { readonly type: 'ack'; readonly topic: string; readonly seq: number };

/** The consumer could not process the record this time; the broker delivers it again after a pause. */
export type Nack = { readonly type: 'nack'; readonly topic: string; readonly seq: number; readonly reason: string };

/** Sent by a consumer that restarted: deliver `topic` again from record `from` (its stored position + 1). */
export type Resume = { readonly type: 'resume'; readonly topic: string; readonly from: number };

/** An operator asks the broker to hand every parked dead letter back to the consumer that gave up on it. */
export type Redrive = { readonly type: 'redrive' };

/** What a dead-letter record carries: enough to find the original and to hand it back. */
export type DeadLetter = {
  readonly topic: string;
  readonly seq: number;
  readonly consumer: ServiceName;
  readonly reason: string;
  readonly event: Message;
};

export function isDelivery(message: Message): message is Delivery {
  return typeof message['topic'] === 'string' && typeof message['seq'] === 'number' && typeof message['event'] === 'object';
}
