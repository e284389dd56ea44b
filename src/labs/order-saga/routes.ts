/**
 * Turns a record from the broker into work for a participant, in either mode. The operations are the same;
 * only the trigger and the audience of the outcome differ: a command from the orchestrator is answered on
 * the reply topic, an event from another service is answered with an event of one's own.
 */
import type { Publication } from '../kit/broker-client.ts';
import type { Delivery } from '../kit/broker-protocol.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import { eventTopicsOf, reactions } from './choreography.ts';
import {
  REPLY_TOPIC,
  commandTopic,
  eventTopic,
  type Command,
  type OrderData,
  type Outcome,
  type Participant,
  type Reply,
  type SagaEvent,
  type SagaVariant,
} from './messages.ts';
import type { LinkState } from './broker-link.ts';
import type { Operation, Route } from './local-commit.ts';
import { sagaService, type SagaServiceSpec } from './participant.ts';

function commandRoute(operations: Readonly<Record<string, Operation>>, command: Command): Route | undefined {
  const operation = operations[command.type];
  if (!operation) return undefined;
  return {
    operation,
    order: command.order,
    publications(outcome: Outcome, reason?: string): Publication[] {
      const reply: Reply = {
        type: 'reply',
        step: command.step,
        kind: command.kind,
        outcome,
        order: command.order,
        ...(reason ? { reason } : {}),
      };
      return [{ topic: REPLY_TOPIC, key: command.order.orderId, event: reply }];
    },
  };
}

function eventRoute(service: Participant, operations: Readonly<Record<string, Operation>>, variant: SagaVariant, event: SagaEvent) {
  const reaction = reactions(variant.undoOrder)[service][event.type];
  const operation = reaction && operations[reaction.operation];
  if (!reaction || !operation) return undefined;
  const order: OrderData = event.order;
  return {
    operation,
    order,
    publications(outcome: Outcome, reason?: string): Publication[] {
      const type = outcome === 'done' ? reaction.done : reaction.failed;
      if (!type) return [];
      const announced: SagaEvent = { type, order, ...(reason ? { reason } : {}) };
      return [{ topic: eventTopic(service), key: order.orderId, event: announced }];
    },
  };
}

/** The topics a participant consumes: its command topic, and the event topics its reactions need. */
export function topicsOf(service: Participant, variant: SagaVariant): string[] {
  return [commandTopic(service), ...eventTopicsOf(service, variant.undoOrder).map(eventTopic)];
}

export function participant(
  service: Participant,
  operations: Readonly<Record<string, Operation>>,
  variant: SagaVariant,
  other?: SagaServiceSpec['other'],
): ServiceBehaviour<LinkState> {
  return sagaService(
    {
      topics: topicsOf(service, variant),
      route(delivery: Delivery) {
        if (delivery.topic === commandTopic(service)) return commandRoute(operations, delivery.event as Command);
        return eventRoute(service, operations, variant, delivery.event as SagaEvent);
      },
      ...(other ? { other } : {}),
    },
    variant,
  );
}
