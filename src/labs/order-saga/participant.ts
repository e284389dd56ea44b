/**
 * What makes a service a participant of the saga, in either mode: a command from the orchestrator is
 * answered on the reply topic; an event from another participant sets off the reaction that choreography.ts
 * wires to it, announced with an event of its own. The operations are the same in both modes. Each
 * participant's own module says which operation each of its commands runs.
 */
import { resumeTopics } from '../kit/broker-client.ts';
import type { Deliveries, PublishedRecord } from '../kit/broker-protocol.ts';
import { sameHandler } from '../kit/define-lab.ts';
import { linkHandlers, NOT_RECONNECTING, relayOutbox, toBroker, type LinkState } from './broker-link.ts';
import { followedBy, reactionTo } from './choreography.ts';
import { consume, type Consume, type Route } from './consume.ts';
import { recordEffect, type Ctx, type Operation, type OperationPlan, type Plan } from './local-commit.ts';
import {
  REPLY_TOPIC,
  commandTopic,
  eventTopic,
  FOLLOWED_EVENTS,
  isCommandDelivery,
  type Command,
  type FollowedEvent,
  type OperationName,
  type OrderData,
  type Participant,
  type Reply,
  type SagaDelivery,
  type SagaEvent,
  type SagaVariant,
} from './messages.ts';

/** The topics a participant consumes: its command topic, and the event topics its reactions need. */
export function topicsOf(service: Participant, variant: SagaVariant): string[] {
  return [commandTopic(service), ...followedBy(service, variant.undoOrder).map(eventTopic)];
}

/** The operation's plan, reported once committed as an effect on the order: a note for the reader, a fact for the measure. */
function reported(operation: Operation, order: OrderData, planned: OperationPlan): Plan {
  if (planned.kind === 'refuse') return planned;
  return { ...planned, afterCommit: (ctx) => recordEffect(ctx, operation.name, order.orderId, planned.outcome, planned.reason) };
}

function routeOf(ctx: Ctx, operation: Operation, order: OrderData, publications: Route['publications']): Route {
  const key = ctx.isFaultOn('idempotency-off') ? undefined : operation.key?.(order);
  return {
    operation: operation.name,
    order,
    ...(key ? { key } : {}),
    ...(operation.faults ? { faults: operation.faults } : {}),
    plan: async (c) => reported(operation, order, await operation.plan(c, order)),
    publications,
  };
}

/** A command from the orchestrator runs `operation`, and the outcome goes back on the reply topic. */
export function commandRoute(ctx: Ctx, operation: Operation, command: Command): Route {
  return routeOf(ctx, operation, command.order, (outcome, reason): PublishedRecord[] => {
    const reply: Reply = {
      type: 'reply',
      step: command.step,
      kind: command.kind,
      outcome,
      order: command.order,
      ...(reason ? { reason } : {}),
    };
    return [{ topic: REPLY_TOPIC, key: command.order.orderId, event: reply }];
  });
}

/** The handler for a command: run the operation the participant names for it. */
export function onCommand(variant: SagaVariant, operation: Operation, consumeWith: Consume = consume) {
  return (ctx: Ctx, delivery: Deliveries<Command>) => consumeWith(ctx, variant, delivery, commandRoute(ctx, operation, delivery.event));
}

/** An event from another participant runs the reaction wired to it, if any, and announces how it went. */
export function eventRoute(
  ctx: Ctx,
  service: Participant,
  operations: Readonly<Partial<Record<OperationName, Operation>>>,
  variant: SagaVariant,
  event: SagaEvent,
): Route | undefined {
  const reaction = reactionTo(service, event.type, variant.undoOrder);
  const operation = reaction && operations[reaction.operation];
  if (!reaction || !operation) return undefined;
  const { order } = event;
  return routeOf(ctx, operation, order, (outcome, reason): PublishedRecord[] => {
    const type = outcome === 'done' ? reaction.done : reaction.failed;
    if (!type) return [];
    return [{ topic: eventTopic(service), key: order.orderId, event: { type, order, ...(reason ? { reason } : {}) } }];
  });
}

/** The route for any record the participant is handed, e.g. once a slow dependency has answered. */
export function routeFor(
  ctx: Ctx,
  service: Participant,
  variant: SagaVariant,
  operations: Readonly<Partial<Record<OperationName, Operation>>>,
  delivery: SagaDelivery,
): Route | undefined {
  if (!isCommandDelivery(delivery)) return eventRoute(ctx, service, operations, variant, delivery.event);
  const operation = operations[delivery.event.type];
  return operation && commandRoute(ctx, operation, delivery.event);
}

/**
 * A participant's handlers for everything but its commands: each event it may be handed (most of them
 * skipped unless a reaction is wired to it), both ends of a partition, and a restart.
 */
export function participantHandlers<P extends Participant>(
  service: P,
  variant: SagaVariant,
  operations: Readonly<Partial<Record<OperationName, Operation>>>,
  consumeWith: Consume = consume,
) {
  const topics = topicsOf(service, variant);
  return {
    initialState: (): LinkState => NOT_RECONNECTING,
    events: sameHandler<FollowedEvent<P>, (ctx: Ctx, delivery: Deliveries<SagaEvent>) => Promise<void>>(
      FOLLOWED_EVENTS[service],
      (ctx, delivery) => consumeWith(ctx, variant, delivery, eventRoute(ctx, service, operations, variant, delivery.event)),
    ),
    link: linkHandlers(topics),
    /** Whatever committed before the crash but was not published goes out first; then consumption resumes. */
    recover: async (ctx: Ctx) => {
      await relayOutbox(ctx);
      await resumeTopics(toBroker(ctx), topics);
    },
  };
}
