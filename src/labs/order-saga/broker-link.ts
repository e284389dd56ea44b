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
import { flushOutbox, resumeTopics, type BrokerClientContext } from '../kit/broker-client.ts';
import type { BrokerInbox } from '../kit/broker-protocol.ts';
import type { KitServiceSpec, LabContext } from '../kit/define-lab.ts';
import type { ServiceContext, ServiceName } from '../sim/types.ts';
import { isParticipant, type OrderSaga, type RetryConsumer, type SagaService } from './messages.ts';
import { RECONNECT_MS } from './settings.ts';

/** A saga service's volatile memory: whether it is already trying to reach the broker again. */
export interface LinkState {
  readonly reconnecting: boolean;
}

export const NOT_RECONNECTING: LinkState = { reconnecting: false };

type Ctx = LabContext<OrderSaga, SagaService, LinkState>;

/** True while a partition keeps `service` and the broker apart. */
function cutOff(ctx: Pick<ServiceContext<unknown>, 'isFaultOn'>, service: ServiceName): boolean {
  return isParticipant(service) && ctx.isFaultOn(`partition-${service}`);
}

function lostBroker(ctx: Ctx) {
  if (ctx.state.reconnecting) return;
  ctx.state = { reconnecting: true };
  ctx.note(`cannot reach the broker (network partition): trying again every ${RECONNECT_MS} ms`);
  ctx.setTimer(RECONNECT_MS, { type: 'retry-broker' }, { retry: true });
}

/**
 * The service's way to the broker, for the kit's client helpers: a send across a partition is noticed.
 * The message is still sent: the kernel drops it and traces the drop.
 */
export function toBroker(ctx: Ctx): BrokerClientContext {
  return {
    name: ctx.name,
    now: ctx.now,
    sql: (text) => ctx.sql(text),
    send(to, message) {
      if (cutOff(ctx, ctx.name)) lostBroker(ctx);
      ctx.send(to, message);
    },
  };
}

/** Publishes the outbox, unless the broker is out of reach: then the records stay in the outbox, unsent. */
export async function relayOutbox(ctx: Ctx) {
  if (cutOff(ctx, ctx.name)) {
    lostBroker(ctx);
    return;
  }
  await flushOutbox(toBroker(ctx));
}

async function reconnect(ctx: Ctx, topics: readonly string[]) {
  ctx.state = NOT_RECONNECTING;
  ctx.note('reached the broker again: publishing the outbox, resuming from the stored positions');
  await relayOutbox(ctx);
  await resumeTopics(toBroker(ctx), topics);
}

/** The participant's side of a partition: its own retries, and the broker saying it can reach it again. */
export function linkHandlers(topics: readonly string[]) {
  return {
    async 'retry-broker'(ctx: Ctx) {
      if (!ctx.state.reconnecting) return;
      if (cutOff(ctx, ctx.name)) ctx.setTimer(RECONNECT_MS, { type: 'retry-broker' }, { retry: true });
      else await reconnect(ctx, topics);
    },
    'broker-reachable': (ctx: Ctx) => reconnect(ctx, topics),
  };
}

interface BrokerLinkState {
  /** The participants the broker failed to reach and keeps trying. */
  readonly unreachable: readonly ServiceName[];
}

type BrokerCtx = ServiceContext<BrokerLinkState>;

function lostConsumer(ctx: BrokerCtx, consumer: ServiceName) {
  if (ctx.state.unreachable.includes(consumer) || !isParticipant(consumer)) return;
  ctx.state = { unreachable: [...ctx.state.unreachable, consumer] };
  ctx.note(`cannot reach ${consumer} (network partition): trying again every ${RECONNECT_MS} ms`);
  const retry: RetryConsumer = { type: 'retry-consumer', consumer };
  ctx.setTimer(RECONNECT_MS, retry, { retry: true });
}

/** The broker's own context, with sends that notice a partition. The broker keeps no volatile state of its own. */
function watching(ctx: BrokerCtx): ServiceContext<null> {
  return {
    name: ctx.name,
    now: ctx.now,
    state: null,
    sql: (text, params) => ctx.sql(text, params),
    send(to, message) {
      if (cutOff(ctx, to)) lostConsumer(ctx, to);
      ctx.send(to, message);
    },
    setTimer: (delayMs, message, options) => ctx.setTimer(delayMs, message, options),
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
export function brokerWithLinks(inner: KitServiceSpec<BrokerInbox, null>): KitServiceSpec<BrokerInbox | RetryConsumer, BrokerLinkState> {
  const { on } = inner;
  return {
    ...inner,
    initialState: () => ({ unreachable: [] }),
    on: {
      publish: (ctx, message, from) => on.publish(watching(ctx), message, from),
      ack: (ctx, message, from) => on.ack(watching(ctx), message, from),
      nack: (ctx, message, from) => on.nack(watching(ctx), message, from),
      resume: (ctx, message, from) => on.resume(watching(ctx), message, from),
      redrive: (ctx, message, from) => on.redrive(watching(ctx), message, from),
      redeliver: (ctx, message, from) => on.redeliver(watching(ctx), message, from),
      'retry-consumer'(ctx, message) {
        if (cutOff(ctx, message.consumer)) {
          ctx.setTimer(RECONNECT_MS, message, { retry: true });
          return;
        }
        ctx.state = { unreachable: ctx.state.unreachable.filter((c) => c !== message.consumer) };
        ctx.note(`reached ${message.consumer} again: asking it where to resume`);
        ctx.send(message.consumer, { type: 'broker-reachable' });
      },
    },
    async recover(ctx) {
      await inner.recover?.(watching(ctx));
    },
  };
}
