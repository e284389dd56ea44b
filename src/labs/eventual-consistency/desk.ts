/**
 * The help desk, which stands for the agents using the system. Every request goes to the three ticket
 * services at once. The workload action spreads a batch of requests over virtual time, drawn from the
 * kernel's seeded random, so one seed always gives the same workload.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import deskSql from './desk.sql?raw';
import type { CloseTicket, EventualConsistency, OpenTicket } from './messages.ts';
import { PATTERNS } from './patterns.ts';
import { CUSTOMERS, WORKLOAD_CLOSE_MIN_AGE_MS, WORKLOAD_CLOSE_SHARE, WORKLOAD_GAP_MS } from './settings.ts';

type Ctx = LabContext<EventualConsistency, 'desk', null>;

function toAll(ctx: Ctx, message: OpenTicket | CloseTicket) {
  for (const p of PATTERNS) ctx.send(p.tickets, message);
}

async function record(ctx: Ctx, kind: 'open' | 'close', ticketId: string, customerId: string) {
  await ctx.sql(
    `INSERT INTO requests (seq, kind, ticket_id, customer_id, sent_at) SELECT coalesce(max(seq), 0) + 1, ${sqlText(kind)}, ${sqlText(ticketId)}, ${sqlText(customerId)}, ${sqlInt(ctx.now)} FROM requests`,
  );
}

async function open(ctx: Ctx, customerId: string) {
  const [row] = rowsOf(await ctx.sql("SELECT count(*) AS n FROM requests WHERE kind = 'open'"));
  const ticketId = `T-${Number(row?.['n'] ?? 0) + 1}`;
  await record(ctx, 'open', ticketId, customerId);
  toAll(ctx, { type: 'open-ticket', ticketId, customerId });
}

/** Tickets this desk opened at least `minAgeMs` ago and has not asked to close, oldest first. */
async function openByDesk(ctx: Ctx, minAgeMs = 0) {
  return rowsOf(
    await ctx.sql(`SELECT o.ticket_id, o.customer_id FROM requests o WHERE o.kind = 'open' AND o.sent_at <= ${sqlInt(ctx.now - minAgeMs)}
AND NOT EXISTS (SELECT 1 FROM requests c WHERE c.kind = 'close' AND c.ticket_id = o.ticket_id) ORDER BY o.seq`),
  );
}

async function close(ctx: Ctx, pick: (n: number) => number, minAgeMs = 0) {
  const candidates = await openByDesk(ctx, minAgeMs);
  const chosen = candidates[pick(candidates.length)];
  if (!chosen) {
    ctx.note('no ticket left to close');
    return;
  }
  const ticketId = String(chosen['ticket_id']);
  await record(ctx, 'close', ticketId, String(chosen['customer_id']));
  toAll(ctx, { type: 'close-ticket', ticketId });
}

function startWorkload(ctx: Ctx, size: number) {
  let at = WORKLOAD_GAP_MS.min;
  for (let i = 0; i < size; i++) {
    ctx.setTimer(at, { type: 'workload-request' });
    at += WORKLOAD_GAP_MS.min + Math.floor(ctx.random() * (WORKLOAD_GAP_MS.max - WORKLOAD_GAP_MS.min));
  }
}

async function workloadRequest(ctx: Ctx) {
  // An agent closes a ticket someone has had time to work on; by then every pattern has decided on it.
  const candidates = await openByDesk(ctx, WORKLOAD_CLOSE_MIN_AGE_MS);
  if (candidates.length > 0 && ctx.random() < WORKLOAD_CLOSE_SHARE)
    return close(ctx, (n) => Math.floor(ctx.random() * n), WORKLOAD_CLOSE_MIN_AGE_MS);
  const customer = CUSTOMERS[Math.floor(ctx.random() * CUSTOMERS.length)] ?? CUSTOMERS[0];
  await open(ctx, customer.id);
}

export const desk: ServiceSpec<EventualConsistency, 'desk', null> = {
  label: 'Help desk',
  role: 'Sends every request to the three patterns at once (SQLite)',
  database: { kind: 'sqlite', setupSql: deskSql },
  tables: [
    {
      title: 'requests (newest first)',
      sql: 'SELECT seq, kind, ticket_id, customer_id, sent_at FROM requests ORDER BY seq DESC LIMIT 30',
    },
  ],
  initialState: () => null,
  on: {
    'open-for': (ctx, message) => open(ctx, message.customerId),
    'close-oldest': (ctx) => close(ctx, () => 0),
    'run-workload': (ctx, message) => startWorkload(ctx, message.size),
    'workload-request': workloadRequest,
  },
};
