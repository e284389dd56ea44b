/**
 * The orchestrator: starts each saga, sends one command at a time, and decides what follows from each
 * reply. Every decision is committed to the saga log together with the command it sends (through the
 * outbox), so after a crash the log and the outbox are all it needs to carry on.
 */
import type { Delivery } from '../kit/broker-protocol.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import type { LinkState } from './broker-link.ts';
import { numberOrders, requestsOf } from './batch.ts';
import { FAULT } from './faults.ts';
import { REPLY_TOPIC, type OrderData, type Reply, type SagaVariant } from './messages.ts';
import { commitAndPublish, type Ctx, type Operation, type Route } from './local-commit.ts';
import { sagaService } from './participant.ts';
import { decide } from './saga-decision.ts';
import { readLog, readSaga, sagaSql, waitingSteps } from './saga-log.ts';
import { STEPS, ended, settled, type LogEvent } from './saga-plan.ts';
import { STEP_DEADLINE_MS } from './settings.ts';

const FAULTS = { crashAfterCommit: FAULT.orchestratorCrashAfterLog };

function armDeadlines(ctx: Ctx, sagaId: string, steps: readonly string[]) {
  for (const step of steps) ctx.setTimer(STEP_DEADLINE_MS, { type: 'step-deadline', saga: sagaId, step });
}

/** Records one participant's reply and decides the next move, in one local transaction. */
function recordReply(variant: SagaVariant, reply: Reply): Operation {
  return {
    name: 'record-reply',
    faults: FAULTS,
    async plan(ctx, order) {
      const entries = await readLog(ctx, order.orderId);
      const stale = reply.kind === 'do' ? settled(entries, reply.step) : entries.some((e) => e.step === reply.step && e.event === 'undone');
      if (stale || ended(entries)) {
        return {
          kind: 'commit',
          outcome: 'done',
          statements: [],
          note: `${order.orderId}: ${reply.step} ${reply.outcome} arrived late or twice; ignored`,
        };
      }
      const event: LogEvent = reply.kind === 'undo' ? 'undone' : reply.outcome;
      const decision = decide(
        order,
        entries,
        [{ step: reply.step, event, ...(reply.reason ? { detail: reply.reason } : {}) }],
        variant,
        ctx.now,
      );
      return {
        kind: 'commit',
        outcome: 'done',
        statements: decision.statements,
        publications: decision.publications,
        note: decision.note,
        afterCommit: (c) => armDeadlines(c, order.orderId, decision.deadlines),
      };
    },
  };
}

async function start(ctx: Ctx, variant: SagaVariant, orders: readonly OrderData[]) {
  const decisions = orders.map((order) => ({
    order,
    decision: decide(order, [], [{ step: null, event: 'started' }], variant, ctx.now),
  }));
  const statements = decisions.flatMap(({ order, decision }) => [sagaSql(order, ctx.now), ...decision.statements]);
  const done = await commitAndPublish(
    ctx,
    variant,
    statements,
    decisions.flatMap((d) => d.decision.publications),
    FAULTS,
  );
  if (!done.ok) return;
  for (const { order, decision } of decisions) {
    ctx.note(decision.note);
    armDeadlines(ctx, order.orderId, decision.deadlines);
  }
}

async function onDeadline(ctx: Ctx, variant: SagaVariant, sagaId: string, step: string) {
  const entries = await readLog(ctx, sagaId);
  const order = await readSaga(ctx, sagaId);
  if (!order || ended(entries) || settled(entries, step)) return;
  const decision = decide(
    order,
    entries,
    [{ step, event: 'timed-out', detail: `no answer within ${STEP_DEADLINE_MS} ms` }],
    variant,
    ctx.now,
  );
  const done = await commitAndPublish(ctx, variant, decision.statements, decision.publications, FAULTS);
  if (!done.ok) return;
  ctx.note(decision.note);
  armDeadlines(ctx, sagaId, decision.deadlines);
}

/** After a restart: every forward step still waiting for an answer gets its deadline again. */
async function rearmDeadlines(ctx: Ctx) {
  const waiting = await waitingSteps(ctx);
  const withDeadline = new Set(STEPS.filter((s) => s.deadline).map((s) => s.name));
  for (const { sagaId, step } of waiting) if (withDeadline.has(step)) armDeadlines(ctx, sagaId, [step]);
  ctx.note(`recovery: ${waiting.length} saga${waiting.length === 1 ? '' : 's'} waiting on a step, resumed from the log`);
}

export function orchestrator(variant: SagaVariant): ServiceBehaviour<LinkState> {
  return sagaService(
    {
      topics: [REPLY_TOPIC],
      route(delivery: Delivery): Route | undefined {
        if (delivery.topic !== REPLY_TOPIC) return undefined;
        const reply = delivery.event as Reply;
        return { operation: recordReply(variant, reply), order: reply.order, publications: () => [] };
      },
      async other(ctx, message) {
        if (message.type === 'step-deadline') return onDeadline(ctx, variant, String(message['saga']), String(message['step']));
        if (message.type !== 'place-order' && message.type !== 'place-batch') return;
        const orders = await numberOrders(
          ctx,
          'orchestrated',
          'sagas',
          'saga_id',
          requestsOf(message, () => ctx.random()),
        );
        await start(ctx, variant, orders);
      },
      afterRecover: rearmDeadlines,
    },
    variant,
  );
}
