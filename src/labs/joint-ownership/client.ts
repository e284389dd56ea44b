/**
 * The client: the workload generator. On "Run the workload" it draws one seeded mix of requests and sends
 * each to all four techniques at the same virtual moment, records every request and its outcome in its
 * own SQLite log, and once every answer is in (or overdue) asks both databases for an integrity audit.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import clientSql from './client.sql?raw';
import type { JointOwnership, SendRequest } from './messages.ts';
import {
  ASSIGNMENT,
  DATA_SERVICES,
  TECHNIQUES,
  TICKET,
  TICKET_MANAGEMENT,
  type AppService,
  type CLIENT,
  type TechniqueId,
} from './techniques.ts';
import { drawWorkload, type Op } from './workload.ts';

/** A request with no answer after this long counts as failed. */
export const REQUEST_TIMEOUT_MS = 600;
/** The audit runs this long after the last request was sent: every answer is in or overdue by then. */
export const AUDIT_AFTER_MS = REQUEST_TIMEOUT_MS + 100;

/** The service that receives a request under a technique. */
export function entryService(technique: TechniqueId, op: Op): AppService {
  if (technique === 'merged') return TICKET_MANAGEMENT;
  return op.kind === 'assign' ? ASSIGNMENT : TICKET;
}

export function requestId(run: number, technique: TechniqueId, index: number): string {
  return `r${run}-${technique}-${index + 1}`;
}

type Ctx = LabContext<JointOwnership, typeof CLIENT, null>;

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

function sendRequest(ctx: Ctx, { run, technique, index, op }: SendRequest) {
  const id = requestId(run, technique, index);
  const to = entryService(technique, op);
  ctx.send(to, { type: 'request', requestId: id, run, technique, op });
  if (ctx.isFaultOn('duplicate-requests')) ctx.send(to, { type: 'request', requestId: id, run, technique, op });
  ctx.fact({ kind: 'request', run, requestId: id, technique, op: op.kind });
  ctx.setTimer(REQUEST_TIMEOUT_MS, { type: 'request-timeout', requestId: id });
}

/** Only the first answer counts: a duplicate request's second answer changes nothing here. */
async function settle(ctx: Ctx, id: string, outcome: string, detail: string) {
  await ctx.sql(
    `UPDATE requests SET outcome = ${sqlText(outcome)}, detail = ${sqlText(detail)}, answered_at = ${sqlInt(ctx.now)} WHERE request_id = ${sqlText(id)} AND outcome = 'waiting'`,
  );
}

/** Asks both databases for their audit of `run`; 0 stands for "now", when the reader asks. */
function askForAudit(ctx: Ctx, run: number) {
  for (const db of DATA_SERVICES) ctx.send(db, { type: 'audit', run });
}

export const client: ServiceSpec<JointOwnership, typeof CLIENT, null> = {
  label: 'Client',
  role: 'Sends the same seeded workload to all four techniques and logs every outcome (SQLite)',
  database: { kind: 'sqlite', setupSql: clientSql },
  tables: [
    {
      title: 'outcomes by technique',
      sql: 'SELECT run, technique, kind, outcome, count(*) AS requests FROM requests GROUP BY run, technique, kind, outcome ORDER BY run, technique, kind, outcome',
    },
    {
      title: 'requests',
      sql: 'SELECT request_id, kind, ticket_id, service, outcome, detail FROM requests ORDER BY sent_at, request_id',
    },
  ],
  initialState: () => null,
  on: {
    'run-workload': runWorkload,
    send: sendRequest,
    async reply(ctx, reply) {
      ctx.fact({ kind: 'answer', requestId: reply.requestId, outcome: reply.outcome });
      await settle(ctx, reply.requestId, reply.outcome, reply.detail);
    },
    'request-timeout': (ctx, m) => settle(ctx, m.requestId, 'failed', `no answer within ${REQUEST_TIMEOUT_MS} ms`),
    'audit-now': (ctx, m) => askForAudit(ctx, m.run),
    audit: (ctx) => askForAudit(ctx, 0),
    'audit-result'(ctx, result) {
      ctx.fact({ kind: 'audit', run: result.run, rows: result.rows });
    },
  },
};
