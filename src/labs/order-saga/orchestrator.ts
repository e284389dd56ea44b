/**
 * The orchestrator: starts each saga, sends one command at a time, and decides what follows from each
 * reply. Every decision is committed to the saga log together with the command it sends (through the
 * outbox), so after a crash the log and the outbox are all it needs to carry on.
 */
import { BROKER_CLIENT_SCHEMA, resumeTopics } from '../kit/broker-client.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { linkHandlers, NOT_RECONNECTING, relayOutbox, toBroker, type LinkState } from './broker-link.ts';
import { numberOrders, requestsOf } from './batch.ts';
import { consume, OFFSETS_VIEW, OUTBOX_VIEW, type Route } from './consume.ts';
import { commitAndPublish, type CommitFaults, type Ctx } from './local-commit.ts';
import { REPLY_TOPIC, type OrderSaga, type PlaceBatch, type PlaceOrder, type Reply, type SagaVariant, type StepName } from './messages.ts';
import orchestratorSql from './orchestrator.sql?raw';
import { decide } from './saga-decision.ts';
import { readLog, readSaga, sagaSql, waitingSteps } from './saga-log.ts';
import { STEPS, ended, settled, type LogEvent } from './saga-plan.ts';
import { STEP_DEADLINE_MS } from './settings.ts';

const FAULTS: CommitFaults = { crashAfterCommit: 'orchestrator-crash-after-log' };

function armDeadlines(ctx: Ctx, sagaId: string, steps: readonly StepName[]) {
  for (const step of steps) ctx.setTimer(STEP_DEADLINE_MS, { type: 'step-deadline', saga: sagaId, step });
}

/** Records one participant's reply and decides the next move, in one local transaction. */
function replyRoute(variant: SagaVariant, reply: Reply): Route {
  const { order } = reply;
  return {
    order,
    faults: FAULTS,
    publications: () => [],
    async plan(ctx) {
      const entries = await readLog(ctx, order.orderId);
      const stale = reply.kind === 'do' ? settled(entries, reply.step) : entries.some((e) => e.step === reply.step && e.event === 'undone');
      if (stale || ended(entries)) {
        return {
          kind: 'commit',
          outcome: 'done',
          statements: [],
          afterCommit: (c) => c.note(`${order.orderId}: ${reply.step} ${reply.outcome} arrived late or twice; ignored`),
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
        afterCommit(c) {
          c.note(decision.note);
          armDeadlines(c, order.orderId, decision.deadlines);
        },
      };
    },
  };
}

async function start(ctx: Ctx, variant: SagaVariant, message: PlaceOrder | PlaceBatch) {
  const orders = await numberOrders(
    ctx,
    'orchestrated',
    'sagas',
    'saga_id',
    requestsOf(message, () => ctx.random()),
  );
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

async function onDeadline(ctx: Ctx, variant: SagaVariant, sagaId: string, step: StepName) {
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
  const withDeadline = STEPS.filter((s) => s.deadline);
  for (const { sagaId, step } of waiting) {
    const known = withDeadline.find((s) => s.name === step);
    if (known) armDeadlines(ctx, sagaId, [known.name]);
  }
  ctx.note(`recovery: ${waiting.length} saga${waiting.length === 1 ? '' : 's'} waiting on a step, resumed from the log`);
}

export function orchestrator(variant: SagaVariant): ServiceSpec<OrderSaga, 'orchestrator', LinkState> {
  const topics = [REPLY_TOPIC];
  return {
    label: 'Orchestrator',
    role: 'Drives orchestrated sagas; keeps its saga log in SQLite',
    database: { kind: 'sqlite', setupSql: `${orchestratorSql}\n${BROKER_CLIENT_SCHEMA}` },
    tables: [
      {
        title: 'sagas and their latest log entry',
        sql: `SELECT s.saga_id, (SELECT coalesce(l.step || ' ', '') || l.event FROM saga_log l WHERE l.saga_id = s.saga_id ORDER BY l.seq DESC LIMIT 1) AS latest
FROM sagas s ORDER BY s.started_at, length(s.saga_id), s.saga_id`,
      },
      {
        title: 'saga_log (newest first)',
        sql: 'SELECT seq, saga_id, step, event, detail, at FROM saga_log ORDER BY seq DESC LIMIT 40',
      },
      OFFSETS_VIEW,
      OUTBOX_VIEW,
    ],
    initialState: () => NOT_RECONNECTING,
    on: {
      reply: (ctx, delivery) => consume(ctx, variant, delivery, replyRoute(variant, delivery.event)),
      'place-order': (ctx, message) => start(ctx, variant, message),
      'place-batch': (ctx, message) => start(ctx, variant, message),
      'step-deadline': (ctx, message) => onDeadline(ctx, variant, message.saga, message.step),
      ...linkHandlers(topics),
    },
    /** Whatever committed before the crash but was not published goes out first; then it resumes and re-arms. */
    async recover(ctx) {
      await relayOutbox(ctx);
      await resumeTopics(toBroker(ctx), topics);
      await rearmDeadlines(ctx);
    },
  };
}
