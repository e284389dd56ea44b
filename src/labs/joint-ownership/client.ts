/**
 * The client: the workload generator. On "Run the workload" it draws one seeded mix of requests and sends
 * each to all four techniques at the same virtual moment, records every request and its outcome in its
 * own SQLite log, and once every answer is in (or overdue) asks both databases for an integrity audit.
 */
import type { Message, ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import { FAULT } from './faults.ts';
import type { ReplyMessage, RequestMessage } from './messages.ts';
import { ASSIGNMENT, DATA_SERVICES, TECHNIQUES, TICKET, TICKET_MANAGEMENT, type TechniqueId } from './techniques.ts';
import { drawWorkload, type Op } from './workload.ts';

/** A request with no answer after this long counts as failed. */
export const REQUEST_TIMEOUT_MS = 600;
/** The audit runs this long after the last request was sent: every answer is in or overdue by then. */
export const AUDIT_AFTER_MS = REQUEST_TIMEOUT_MS + 100;

/** The service that receives a request under a technique. */
export function entryService(technique: TechniqueId, op: Op): string {
  if (technique === 'merged') return TICKET_MANAGEMENT;
  return op.kind === 'assign' ? ASSIGNMENT : TICKET;
}

export function requestId(run: number, technique: TechniqueId, index: number): string {
  return `r${run}-${technique}-${index + 1}`;
}

type Ctx = ServiceContext<null>;

async function runWorkload(ctx: Ctx) {
  const next = rowsOf(
    await ctx.sql(
      "SELECT coalesce(max(run), 0) + 1 AS run, coalesce(max(CASE WHEN kind = 'create' THEN ticket_id END), 200) + 1 AS first FROM requests",
    ),
  )[0];
  const run = Number(next?.['run'] ?? 1);
  const ops = drawWorkload(() => ctx.random(), Number(next?.['first'] ?? 201));
  ctx.note(`run ${run}: ${ops.length} requests to each of the four techniques`);
  // Every request is logged at once, so a run started before this one ends draws ticket ids after these.
  const rows = ops.flatMap((op, index) =>
    TECHNIQUES.map(
      (technique) =>
        `(${sqlText(requestId(run, technique, index))}, ${sqlInt(run)}, ${sqlText(technique)}, ${sqlText(op.kind)}, ${sqlInt(op.ticketId)}, ${sqlText(entryService(technique, op))}, ${sqlInt(ctx.now + op.at)})`,
    ),
  );
  await ctx.sql(`INSERT INTO requests (request_id, run, technique, kind, ticket_id, service, sent_at) VALUES ${rows.join(', ')}`);
  ops.forEach((op, index) => {
    for (const technique of TECHNIQUES) ctx.setTimer(op.at, { type: 'send', run, technique, index, op });
  });
  ctx.setTimer(Math.max(...ops.map((o) => o.at)) + AUDIT_AFTER_MS, { type: 'audit-now', run });
}

function send(ctx: Ctx, message: Message) {
  const run = Number(message['run']);
  const technique = message['technique'] as TechniqueId;
  const op = message['op'] as Op;
  const id = requestId(run, technique, Number(message['index']));
  const to = entryService(technique, op);
  const request: RequestMessage = { type: 'request', requestId: id, run, technique, op };
  ctx.send(to, request as unknown as Message);
  if (ctx.isFaultOn(FAULT.duplicateRequests)) ctx.send(to, request as unknown as Message);
  ctx.setTimer(REQUEST_TIMEOUT_MS, { type: 'request-timeout', requestId: id });
}

/** Only the first answer counts: a duplicate request's second answer changes nothing here. */
async function settle(ctx: Ctx, id: string, outcome: string, detail: string) {
  await ctx.sql(
    `UPDATE requests SET outcome = ${sqlText(outcome)}, detail = ${sqlText(detail)}, answered_at = ${sqlInt(ctx.now)} WHERE request_id = ${sqlText(id)} AND outcome = 'waiting'`,
  );
}

export const client: ServiceBehaviour<null> = {
  initialState: () => null,
  async handle(ctx, message) {
    switch (message.type) {
      case 'run-workload':
        await runWorkload(ctx);
        return;
      case 'send':
        send(ctx, message);
        return;
      case 'reply': {
        const reply = message as unknown as ReplyMessage;
        await settle(ctx, reply.requestId, reply.outcome, reply.detail);
        return;
      }
      case 'request-timeout':
        await settle(ctx, String(message['requestId']), 'failed', `no answer within ${REQUEST_TIMEOUT_MS} ms`);
        return;
      case 'audit-now':
      case 'audit':
        for (const db of DATA_SERVICES) ctx.send(db, { type: 'audit', run: Number(message['run'] ?? 0) });
        return;
    }
  },
};
