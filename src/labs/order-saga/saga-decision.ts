/**
 * One decision of the orchestrator, as SQL and records: what just happened goes into the saga log, and the
 * next move, worked out from the whole log, goes into the log and the outbox in the same transaction.
 */
import type { PublishedRecord } from '../kit/broker-protocol.ts';
import {
  commandTopic,
  type Command,
  type CommandName,
  type OrderData,
  type Participant,
  type SagaVariant,
  type StepName,
} from './messages.ts';
import { logSql, type Appended } from './saga-log.ts';
import { nextMove, type LogEntry } from './saga-plan.ts';

export interface Decision {
  readonly statements: string[];
  readonly publications: PublishedRecord[];
  /** Forward steps just requested that have a deadline. */
  readonly deadlines: StepName[];
  readonly note: string;
}

/** Appends what just happened to a saga's log and works out, from the whole log, what to send next. */
export function decide(
  order: OrderData,
  entries: readonly LogEntry[],
  appended: readonly Appended[],
  variant: SagaVariant,
  now: number,
): Decision {
  const move = nextMove([...entries, ...appended], variant.undoOrder);
  const decision: Decision = { statements: appended.map((e) => logSql(order.orderId, e, now)), publications: [], deadlines: [], note: '' };
  const send = (type: CommandName, step: StepName, kind: Command['kind'], service: Participant) => {
    const command: Command = { type, step, kind, order };
    decision.publications.push({ topic: commandTopic(service), key: order.orderId, event: command });
  };
  const happened = appended.map((e) => `${e.step ?? 'saga'} ${e.event}`).join(', ');
  let next: string;
  switch (move.kind) {
    case 'request':
      decision.statements.push(logSql(order.orderId, { step: move.step.name, event: 'requested' }, now));
      send(move.step.name, move.step.name, 'do', move.step.service);
      if (move.step.deadline) decision.deadlines.push(move.step.name);
      next = `request ${move.step.name}`;
      break;
    case 'undo':
      decision.statements.push(logSql(order.orderId, { step: move.step.name, event: 'undo-requested' }, now));
      send(move.step.undo ?? move.step.name, move.step.name, 'undo', move.step.service);
      next = `undo ${move.step.name} with ${move.step.undo ?? '?'}`;
      break;
    case 'finish':
      decision.statements.push(logSql(order.orderId, { step: null, event: move.event }, now));
      next = `saga ${move.event}`;
      break;
    case 'wait':
      next = 'wait';
      break;
  }
  return { ...decision, note: `${order.orderId}: ${happened} → ${next}` };
}
