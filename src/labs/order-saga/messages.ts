/** The order, the topics, what travels on them, and the lab's types in one place. */
import type { BrokerInbox, BrokerLabTypes, DeadLetter, Deliveries } from '../kit/broker-protocol.ts';

export type Card = 'good' | 'expired';
export type Region = 'mainland' | 'islands';

/** What a customer asks for. The shop fixes the price, so the amount is not the customer's to choose. */
export type OrderRequest = {
  readonly sku: string;
  readonly qty: number;
  readonly card: Card;
  readonly region: Region;
};

/** An order as every service sees it: each event carries it whole, so no service has to ask another. */
export type OrderData = OrderRequest & { readonly orderId: string; readonly amount: number };

export const PRICES: Readonly<Record<string, number>> = { kettle: 30, lamp: 45 };
export const INITIAL_STOCK: Readonly<Record<string, number>> = { kettle: 20, lamp: 12 };

export function priced(orderId: string, request: OrderRequest): OrderData {
  return { ...request, orderId, amount: request.qty * (PRICES[request.sku] ?? 0) };
}

/** Orchestrated order ids start with `orch-`, choreographed ones with `chor-`, so both modes share the tables. */
export type Mode = 'orchestrated' | 'choreographed';
export const ID_PREFIX: Readonly<Record<Mode, string>> = { orchestrated: 'orch-', choreographed: 'chor-' };

export function modeOf(orderId: string): Mode {
  return orderId.startsWith(ID_PREFIX.orchestrated) ? 'orchestrated' : 'choreographed';
}

/**
 * Variants of the protocol. The defaults are the correct saga; the others are broken on purpose so the
 * tests can show that the invariants catch them.
 */
export interface SagaVariant {
  /** `before-commit`: a service announces its outcome before its local transaction commits. */
  readonly publish: 'after-commit' | 'before-commit';
  /** `oldest-first`: compensations run in the order the steps ran, instead of newest first. */
  readonly undoOrder: 'newest-first' | 'oldest-first';
}

export const CORRECT: SagaVariant = { publish: 'after-commit', undoOrder: 'newest-first' };

export type Participant = 'orders' | 'inventory' | 'payments' | 'shipping';
export const PARTICIPANTS: readonly Participant[] = ['orders', 'inventory', 'payments', 'shipping'];

export function isParticipant(service: string): service is Participant {
  return (PARTICIPANTS as readonly string[]).includes(service);
}

/** Every service of this lab but the broker: each consumes and publishes through its outbox. */
export type SagaService = Participant | 'orchestrator';

/** The saga's forward steps, in order (saga-plan.ts says who runs each and what undoes it). */
export type StepName = 'create-order' | 'reserve-stock' | 'charge-payment' | 'ship-order' | 'complete-order';

/** The commands each participant takes from the orchestrator: its steps and the compensations that undo them. */
export interface Commands {
  readonly orders: 'create-order' | 'complete-order' | 'cancel-order';
  readonly inventory: 'reserve-stock' | 'release-stock';
  readonly payments: 'charge-payment' | 'refund-payment';
  readonly shipping: 'ship-order';
}
export type CommandName = Commands[Participant];

/** Everything a participant knows how to do to an order: its commands, and Orders' status updates in choreographed mode. */
export interface Operations {
  readonly orders: Commands['orders'] | 'mark-reserved' | 'mark-paid' | 'mark-compensating';
  readonly inventory: Commands['inventory'];
  readonly payments: Commands['payments'];
  readonly shipping: Commands['shipping'];
}
export type OperationName = Operations[Participant];

/** What each participant announces on its own topic in choreographed mode. */
export const EVENTS = {
  orders: ['order-placed', 'order-cancelled'],
  inventory: ['stock-reserved', 'stock-rejected', 'stock-released'],
  payments: ['payment-charged', 'payment-declined', 'payment-refunded'],
  shipping: ['order-shipped', 'shipping-refused'],
} as const satisfies Readonly<Record<Participant, readonly string[]>>;
export type Events = { readonly [P in Participant]: (typeof EVENTS)[P][number] };
export type EventName = Events[Participant];

/** The events each participant may be handed in choreographed mode: those of the participants it may follow. */
export const FOLLOWED_EVENTS = {
  orders: [...EVENTS.inventory, ...EVENTS.payments, ...EVENTS.shipping],
  inventory: [...EVENTS.orders, ...EVENTS.payments],
  payments: [...EVENTS.inventory, ...EVENTS.shipping],
  shipping: [...EVENTS.payments],
} as const satisfies Readonly<Record<Participant, readonly EventName[]>>;
export type FollowedEvent<P extends Participant> = (typeof FOLLOWED_EVENTS)[P][number];

/** A command from the orchestrator: run `type` (a step or its compensation) for one order. */
export type Command<T extends CommandName = CommandName> = T extends CommandName
  ? { readonly type: T; readonly step: StepName; readonly kind: 'do' | 'undo'; readonly order: OrderData }
  : never;

export type Outcome = 'done' | 'failed';

export type Reply = {
  readonly type: 'reply';
  readonly step: StepName;
  readonly kind: 'do' | 'undo';
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly order: OrderData;
};

/** A domain event in choreographed mode, e.g. `stock-reserved`. */
export type SagaEvent<T extends EventName = EventName> = T extends EventName
  ? { readonly type: T; readonly order: OrderData; readonly reason?: string }
  : never;

/** Orchestrated mode: commands to each participant, replies to the orchestrator. */
export const commandTopic = <P extends Participant>(service: P) => `${service}-commands` as const;
export const REPLY_TOPIC = 'saga-replies';
/** Choreographed mode: each participant announces what it did on its own topic. */
export const eventTopic = <P extends Participant>(service: P) => `${service}-events` as const;

/** The reader's orders: one, or a batch drawn at random (batch.ts). */
export type PlaceOrder = { readonly type: 'place-order'; readonly order: OrderRequest };
export type PlaceBatch = { readonly type: 'place-batch'; readonly count: number };

/** Both ends of a partition (broker-link.ts): a service's own retry, and the broker telling it the way is clear. */
export type RetryBroker = { readonly type: 'retry-broker' };
export type BrokerReachable = { readonly type: 'broker-reachable' };
export type RetryConsumer = { readonly type: 'retry-consumer'; readonly consumer: Participant };

/** The orchestrator's deadline for a step it asked for. */
export type StepDeadline = { readonly type: 'step-deadline'; readonly saga: string; readonly step: StepName };

/** The records a participant is handed: its commands, and the events of the participants it follows. */
export type ParticipantDelivery<P extends Participant> = Deliveries<Command<Commands[P]>> | Deliveries<SagaEvent<FollowedEvent<P>>>;

type ParticipantInbox<P extends Participant> = ParticipantDelivery<P> | RetryBroker | BrokerReachable;

/** A record a saga service is handed: a command, or a participant's event. */
export type SagaDelivery = Deliveries<Command> | Deliveries<SagaEvent>;

/** A record on a command topic is a command. */
export function isCommandDelivery(delivery: SagaDelivery): delivery is Deliveries<Command> {
  return delivery.topic.endsWith('-commands');
}

/** The slow card network answering, with the delivery it was asked about. */
export type CardNetworkAnswered = { readonly type: 'card-network-answered'; readonly delivery: SagaDelivery };

export type FaultId =
  | 'idempotency-off'
  | 'payment-declined'
  | 'out-of-stock'
  | 'shipping-refuses'
  | 'payments-crash-before-commit'
  | 'payments-crash-after-commit'
  | 'inventory-crash-before-commit'
  | 'inventory-crash-after-commit'
  | 'shipping-crash-before-commit'
  | 'shipping-crash-after-commit'
  | 'orders-crash-before-commit'
  | 'orders-crash-after-commit'
  | 'orchestrator-crash-after-log'
  | 'payments-slow'
  | 'duplicate-delivery'
  | 'out-of-order'
  | 'refunds-fail'
  | `partition-${Participant}`;

/** What a service records once an operation on an order has committed: the measure and the tests read these. */
export type EffectFact = {
  readonly kind: 'effect';
  readonly operation: OperationName | 'place-order';
  readonly order: string;
  readonly outcome: Outcome;
};

export interface OrderSaga extends BrokerLabTypes {
  readonly inbox: {
    readonly orchestrator: Deliveries<Reply> | PlaceOrder | PlaceBatch | StepDeadline | RetryBroker | BrokerReachable;
    readonly orders: ParticipantInbox<'orders'> | PlaceOrder | PlaceBatch;
    readonly inventory: ParticipantInbox<'inventory'>;
    readonly payments: ParticipantInbox<'payments'> | CardNetworkAnswered;
    readonly shipping: ParticipantInbox<'shipping'>;
    readonly broker: BrokerInbox | RetryConsumer;
  };
  readonly faults: FaultId;
  readonly facts: EffectFact;
  readonly topics: { readonly [P in Participant as `${P}-commands`]: Command<Commands[P]> } & {
    readonly [P in Participant as `${P}-events`]: SagaEvent<Events[P]>;
  } & { readonly 'saga-replies': Reply; readonly 'dead-letters': DeadLetter };
}
