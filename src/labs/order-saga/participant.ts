/**
 * How every service of this lab handles a record from the broker, in either mode. One local transaction
 * holds the effect, the idempotency key, the consumer position and the outgoing records (the outbox);
 * only after it commits does anything leave the service. A slow dependency is where the checks and the
 * write drift apart in time, which is exactly when only the idempotency key's primary key still helps.
 */
import { ack, alreadyProcessed, deadLetter, nack, positionSql, resumeTopics } from '../kit/broker-client.ts';
import { isDelivery, type Delivery } from '../kit/broker-protocol.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { Message, ServiceBehaviour, ServiceName } from '../sim/types.ts';
import { linked, onLinkMessage, relayOutbox, type LinkState } from './broker-link.ts';
import { FAULT } from './faults.ts';
import { commitAndPublish, effectNote, type Ctx, type Route } from './local-commit.ts';
import type { SagaVariant } from './messages.ts';
import { MAX_ATTEMPTS, SLOW_PAYMENTS_MS } from './settings.ts';

function keyOf(ctx: Ctx, route: Route): string | undefined {
  return ctx.isFaultOn(FAULT.idempotencyOff) ? undefined : route.operation.key?.(route.order);
}

/** A record this service has already seen or does not care about: move the position past it. */
async function skip(ctx: Ctx, delivery: Delivery) {
  const moved = await ctx.sql(positionSql(delivery.topic, delivery.seq));
  if (moved.ok) ack(ctx, delivery);
}

async function park(ctx: Ctx, variant: SagaVariant, delivery: Delivery, reason: string) {
  ctx.note(`gave up on ${delivery.type} for ${delivery.key} after ${delivery.attempt} attempts: to the dead-letter topic`);
  const done = await commitAndPublish(ctx, variant, [positionSql(delivery.topic, delivery.seq)], [deadLetter(delivery, ctx.name, reason)]);
  if (done.ok) ack(ctx, delivery);
}

/** The second half of handling a record: decide, commit, publish, acknowledge. */
async function finish(ctx: Ctx, variant: SagaVariant, delivery: Delivery, route: Route) {
  const { operation, order } = route;
  const plan = await operation.plan(ctx, order);
  if (plan.kind === 'refuse') {
    if (delivery.attempt >= MAX_ATTEMPTS) await park(ctx, variant, delivery, plan.reason);
    else nack(ctx, delivery, plan.reason);
    return;
  }
  const key = keyOf(ctx, route);
  const statements = [
    ...(key ? [`INSERT INTO processed_keys (key, at) VALUES (${sqlText(key)}, ${sqlInt(ctx.now)})`] : []),
    ...plan.statements,
    positionSql(delivery.topic, delivery.seq),
  ];
  const publications = [...route.publications(plan.outcome, plan.reason), ...(plan.publications ?? [])];
  const done = await commitAndPublish(ctx, variant, statements, publications, operation.faults);
  if (done.error !== undefined) {
    // The key's primary key turned away a second copy that passed the first check while the first was busy.
    if (key && done.error.includes('processed_keys')) {
      ctx.note(`${key} was committed meanwhile: duplicate dropped`);
      await skip(ctx, delivery);
    } else nack(ctx, delivery, done.error);
    return;
  }
  if (!done.ok) return;
  ctx.note(plan.note ?? effectNote(operation.name, order.orderId, plan.outcome, plan.reason));
  plan.afterCommit?.(ctx);
  ack(ctx, delivery);
}

async function consume(ctx: Ctx, variant: SagaVariant, delivery: Delivery, route: Route | undefined) {
  if (await alreadyProcessed(ctx, delivery.topic, delivery.seq)) {
    // The position was committed with the effect, so this is a redelivery of something already done.
    ctx.note(`${delivery.topic} #${delivery.seq} already processed: acknowledged again`);
    ack(ctx, delivery);
    return;
  }
  if (!route) return skip(ctx, delivery);
  const key = keyOf(ctx, route);
  if (key && rowsOf(await ctx.sql(`SELECT 1 AS seen FROM processed_keys WHERE key = ${sqlText(key)}`)).length > 0) {
    ctx.note(`${key} seen before: duplicate dropped`);
    return skip(ctx, delivery);
  }
  const slow = route.operation.faults?.slow;
  if (slow && ctx.isFaultOn(slow)) {
    // The checks above are done; the write comes later. A redelivery meanwhile passes the same checks.
    ctx.note(`waiting ${SLOW_PAYMENTS_MS} ms on the card network for ${route.order.orderId}`);
    ctx.setTimer(SLOW_PAYMENTS_MS, { type: 'card-network-answered', delivery });
    return;
  }
  await finish(ctx, variant, delivery, route);
}

export interface SagaServiceSpec {
  /** The topics this service consumes, so it can resume them after a restart. */
  readonly topics: readonly string[];
  route(delivery: Delivery): Route | undefined;
  /** Reader actions and the service's own timers. */
  other?(ctx: Ctx, message: Message, from: ServiceName | 'reader'): Promise<void>;
  /** Runs after the outbox is flushed and the topics resumed. */
  afterRecover?(ctx: Ctx): Promise<void>;
}

export function sagaService(spec: SagaServiceSpec, variant: SagaVariant): ServiceBehaviour<LinkState> {
  return {
    initialState: () => ({ reconnecting: false }),
    async handle(raw, message, from) {
      const ctx = linked(raw);
      if (isDelivery(message)) return consume(ctx, variant, message, spec.route(message));
      if (await onLinkMessage(ctx, message, spec.topics)) return;
      if (message.type === 'card-network-answered') {
        const delivery = message['delivery'] as Delivery;
        const route = spec.route(delivery);
        if (route) await finish(ctx, variant, delivery, route);
        return;
      }
      await spec.other?.(ctx, message, from);
    },
    /** Whatever committed before the crash but was not published goes out first; then consumption resumes. */
    async recover(raw) {
      const ctx = linked(raw);
      await relayOutbox(ctx);
      await resumeTopics(ctx, spec.topics);
      await spec.afterRecover?.(ctx);
    },
  };
}
