/**
 * What producers, consumers and the broker say to each other. The broker (broker.ts) stands for a log-based
 * message broker such as Kafka: topics are append-only logs, each record has a sequence number (its offset),
 * and a consumer says where to resume from, because it keeps its own position in its own database.
 *
 * A lab that uses the broker declares its topics with the events each carries (`BrokerLabTypes`), so that
 * what a service publishes, what a consumer is handed and who subscribes to what are checked by the compiler.
 */
import type { InboxOf, LabTypes, ServiceOf } from './define-lab.ts';
import type { Message, ServiceName } from '../sim/types.ts';

/** The broker's service name: a lab that uses the broker names its broker service so. */
export const BROKER = 'broker';

/** The topic where consumers put a record they gave up on, for a person to look at and redrive. */
export const DEAD_LETTER_TOPIC = 'dead-letters';

/** One record for a topic. `key` names the business entity, e.g. an order id. */
export type PublishedRecord<E extends Message = Message> = {
  readonly topic: string;
  readonly key: string;
  readonly event: E;
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
 * "stock-reserved" rather than a generic "deliver", and a consumer has one handler per event type.
 * `attempt` counts deliveries of this record to this consumer.
 */
export type Delivery<E extends Message = Message> = {
  readonly type: E['type'];
  readonly topic: string;
  readonly seq: number;
  readonly key: string;
  readonly attempt: number;
  readonly event: E;
};

/** The deliveries of a union of events: one message type per event type, each carrying its own event. */
export type Deliveries<E extends Message> = E extends Message ? Delivery<E> : never;

/** The consumer is done with the record: processed, skipped, or parked in the dead-letter topic. */
export type Ack = { readonly type: 'ack'; readonly topic: string; readonly seq: number };

/** The consumer could not process the record this time; the broker delivers it again after a pause. */
export type Nack = { readonly type: 'nack'; readonly topic: string; readonly seq: number; readonly reason: string };

/** Sent by a consumer that restarted: deliver `topic` again from record `from` (its stored position + 1). */
export type Resume = { readonly type: 'resume'; readonly topic: string; readonly from: number };

/** An operator asks the broker to hand every parked dead letter back to the consumer that gave up on it. */
export type Redrive = { readonly type: 'redrive' };

/** The broker's own timer: deliver a record again when no answer came, or after a refusal. */
export type Redeliver = {
  readonly type: 'redeliver';
  readonly consumer: ServiceName;
  readonly topic: string;
  readonly seq: number;
  readonly delivery: number;
  readonly why: 'no-answer' | 'retry';
};

/** Every message the broker accepts: a lab declares its broker's inbox as this. */
export type BrokerInbox = Publish | Ack | Nack | Resume | Redrive | Redeliver;

/** What a dead-letter record carries: enough to find the original and to hand it back. */
export type DeadLetter = {
  readonly type: `dead:${string}`;
  readonly topic: string;
  readonly seq: number;
  readonly consumer: ServiceName;
  readonly reason: string;
  readonly event: Message;
};

/** A lab's types, with the topics its services publish to: each topic's name and the events it carries. */
export interface BrokerLabTypes extends LabTypes {
  readonly topics: Readonly<Record<string, Message>>;
}

export type TopicOf<L extends BrokerLabTypes> = keyof L['topics'] & string;

/** A record for one of the lab's topics, carrying only that topic's events. */
export type Publication<L extends BrokerLabTypes> = {
  readonly [T in TopicOf<L>]: { readonly topic: T; readonly key: string; readonly event: L['topics'][T] };
}[TopicOf<L>];

/** The services that have a handler for every event of topic `T`. */
export type ConsumersOf<L extends BrokerLabTypes, T extends TopicOf<L>> = {
  [S in ServiceOf<L>]: Deliveries<L['topics'][T]> extends InboxOf<L, S> ? S : never;
}[ServiceOf<L>];

/** Which services consume which topics: subscribing a service that cannot take a topic's events is a compile error. */
export type Subscriptions<L extends BrokerLabTypes> = { readonly [T in TopicOf<L>]?: readonly ConsumersOf<L, T>[] };

/** Tells a delivery from other messages in the kernel's untyped trace, for a measure that reads it. */
export function isDelivery(message: Message): message is Delivery {
  return typeof message['topic'] === 'string' && typeof message['seq'] === 'number' && typeof message['event'] === 'object';
}
