/**
 * What a network partition between the broker and a participant does to both ends, and how they find
 * each other again. The kernel drops every message across the partition; a send on a broken connection
 * fails, so whichever end tries to send learns that the other is out of reach. That end keeps trying every
 * RECONNECT_MS, as a client library reconnecting would, and once the network heals the participant does
 * what a restarted one does: publishes what its outbox kept and resumes each topic from its stored position.
 *
 * Nobody learns of a partition nobody sends across, so a quiet lab stays quiet; a lab with a partition that
 * someone ran into keeps ticking until the partition heals.
 */
import { BROKER, flushOutbox, resumeTopics } from '../kit/broker-client.ts';
import type { Message, ServiceBehaviour, ServiceContext, ServiceName } from '../sim/types.ts';
import { partitionOf } from './faults.ts';
import { RECONNECT_MS } from './settings.ts';

/** A saga service's volatile memory: whether it is already trying to reach the broker again. */
export interface LinkState {
  readonly reconnecting: boolean;
}

type Ctx = ServiceContext<LinkState>;

/** The participant's own timer while it cannot reach the broker. */
const RETRY_BROKER = 'retry-broker';
/** The broker's message to a participant it can reach again. */
const BROKER_REACHABLE = 'broker-reachable';
/** The broker's timer while it cannot reach a participant. */
const RETRY_CONSUMER = 'retry-consumer';

/** True while a partition keeps `service` and the broker apart. */
function cutOff(ctx: Pick<ServiceContext<unknown>, 'isFaultOn'>, service: ServiceName): boolean {
  const fault = partitionOf(service);
  return fault !== undefined && ctx.isFaultOn(fault);
}

function lostBroker(ctx: Ctx) {
  if (ctx.state.reconnecting) return;
  ctx.state = { reconnecting: true };
  ctx.note(`cannot reach the broker (network partition): trying again every ${RECONNECT_MS} ms`);
  ctx.setTimer(RECONNECT_MS, { type: RETRY_BROKER });
}

/** A participant's context whose sends to the broker notice a partition. The message is still sent: the kernel drops it and traces the drop. */
export function linked(ctx: Ctx): Ctx {
  return {
    name: ctx.name,
    now: ctx.now,
    get state() {
      return ctx.state;
    },
    set state(value: LinkState) {
      ctx.state = value;
    },
    sql: (text, params) => ctx.sql(text, params),
    send(to, message) {
      if (to === BROKER && cutOff(ctx, ctx.name)) lostBroker(ctx);
      ctx.send(to, message);
    },
    setTimer: (delayMs, message) => ctx.setTimer(delayMs, message),
    random: () => ctx.random(),
    isFaultOn: (faultId) => ctx.isFaultOn(faultId),
    crash: (reason) => ctx.crash(reason),
    note: (text) => ctx.note(text),
    fact: (fact) => ctx.fact(fact),
  };
}

/** Publishes the outbox, unless the broker is out of reach: then the records stay in the outbox, unsent. */
export async function relayOutbox(ctx: Ctx) {
  if (cutOff(ctx, ctx.name)) {
    lostBroker(ctx);
    return;
  }
  await flushOutbox(ctx);
}

async function reconnect(ctx: Ctx, topics: readonly string[]) {
  ctx.state = { reconnecting: false };
  ctx.note('reached the broker again: publishing the outbox, resuming from the stored positions');
  await relayOutbox(ctx);
  await resumeTopics(ctx, topics);
}

/** Handles the participant's side of a partition. Returns false for every other message. */
export async function onLinkMessage(ctx: Ctx, message: Message, topics: readonly string[]): Promise<boolean> {
  if (message.type === RETRY_BROKER) {
    if (!ctx.state.reconnecting) return true;
    if (cutOff(ctx, ctx.name)) ctx.setTimer(RECONNECT_MS, message);
    else await reconnect(ctx, topics);
    return true;
  }
  if (message.type === BROKER_REACHABLE) {
    await reconnect(ctx, topics);
    return true;
  }
  return false;
}

interface BrokerLinkState {
  /** The participants the broker failed to reach and keeps trying. */
  readonly unreachable: readonly ServiceName[];
}

type BrokerCtx = ServiceContext<BrokerLinkState>;

function lostConsumer(ctx: BrokerCtx, consumer: ServiceName) {
  if (ctx.state.unreachable.includes(consumer)) return;
  ctx.state = { unreachable: [...ctx.state.unreachable, consumer] };
  ctx.note(`cannot reach ${consumer} (network partition): trying again every ${RECONNECT_MS} ms`);
  ctx.setTimer(RECONNECT_MS, { type: RETRY_CONSUMER, consumer });
}

/** The broker's own context, with sends that notice a partition. The broker keeps no volatile state of its own. */
function brokerContext(ctx: BrokerCtx): ServiceContext<null> {
  return {
    name: ctx.name,
    now: ctx.now,
    state: null,
    sql: (text, params) => ctx.sql(text, params),
    send(to, message) {
      if (cutOff(ctx, to)) lostConsumer(ctx, to);
      ctx.send(to, message);
    },
    setTimer: (delayMs, message) => ctx.setTimer(delayMs, message),
    random: () => ctx.random(),
    isFaultOn: (faultId) => ctx.isFaultOn(faultId),
    crash: (reason) => ctx.crash(reason),
    note: (text) => ctx.note(text),
    fact: (fact) => ctx.fact(fact),
  };
}

/**
 * The broker, plus its side of a partition. A consumer it cannot reach stops answering, so the broker
 * pauses it and waits to be told where to resume; once the network heals, it tells the consumer it is
 * reachable, and the consumer answers with its stored positions.
 */
export function brokerWithLinks(inner: ServiceBehaviour<null>): ServiceBehaviour<BrokerLinkState> {
  return {
    initialState: () => ({ unreachable: [] }),
    async handle(ctx, message, from) {
      if (message.type !== RETRY_CONSUMER) return inner.handle(brokerContext(ctx), message, from);
      const consumer = String(message['consumer']);
      if (cutOff(ctx, consumer)) {
        ctx.setTimer(RECONNECT_MS, message);
        return;
      }
      ctx.state = { unreachable: ctx.state.unreachable.filter((c) => c !== consumer) };
      ctx.note(`reached ${consumer} again: asking it where to resume`);
      ctx.send(consumer, { type: BROKER_REACHABLE });
    },
    async recover(ctx) {
      await inner.recover?.(brokerContext(ctx));
    },
  };
}
