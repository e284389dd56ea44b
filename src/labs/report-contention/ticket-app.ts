/**
 * The ticket application: the operational workload. It has no database of its own; every request goes to
 * both monoliths at the same moment, so setup A and setup B serve exactly the same workload.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, type OperationalRequest, type ReportContention } from './messages.ts';
import { COPY_TAIL_MS, FIRST_NEW_TICKET_ID } from './settings.ts';
import { initialPools, planWorkload, type TicketPools } from './workload.ts';

interface TicketAppState {
  readonly pools: TicketPools;
  sent: number;
  /** When each request still waiting for an answer left, per monolith: the latency the app sees. */
  readonly sentAt: Map<string, number>;
}

const DESCRIPTIONS = ['Printer offline', 'VPN keeps dropping', 'Laptop fan loud', 'E-mail not syncing', 'Screen flickers'];

export const ticketApp: ServiceSpec<ReportContention, 'ticket-app', TicketAppState> = {
  label: 'Ticket app',
  role: 'Opens, assigns and closes tickets; sends every request to both monoliths',
  initialState: () => ({ pools: initialPools(FIRST_NEW_TICKET_ID), sent: 0, sentAt: new Map() }),
  on: {
    'start-workload'(ctx, message) {
      const plan = planWorkload(message.requests, ctx.state.pools, ctx.now, () => ctx.random());
      for (const planned of plan) ctx.setTimer(planned.offsetMs, { type: 'send-request', planned });
      const last = plan.at(-1)?.offsetMs ?? 0;
      ctx.note(`serving ${plan.length} requests over ${last} ms`);
      // The copy job's scheduler runs it while this workload lasts (see analytics.ts).
      ctx.send(ANALYTICS, { type: 'schedule-copies', until: ctx.now + last + COPY_TAIL_MS });
    },
    'send-request'(ctx, { planned }) {
      ctx.state.sent += 1;
      const request: OperationalRequest = {
        type: 'op',
        requestId: `op-${ctx.state.sent}`,
        op: planned.op,
        ticketId: planned.ticketId,
        ...(planned.customerId !== undefined ? { customerId: planned.customerId } : {}),
        ...(planned.priority ? { priority: planned.priority } : {}),
        ...(planned.expertId !== undefined ? { expertId: planned.expertId } : {}),
        ...(planned.op === 'open' ? { description: DESCRIPTIONS[planned.ticketId % DESCRIPTIONS.length] ?? 'New ticket' } : {}),
      };
      for (const store of [MONOLITH_A, MONOLITH_B] as const) {
        ctx.send(store, request);
        ctx.state.sentAt.set(`${store} ${request.requestId}`, ctx.now);
      }
    },
    reply(ctx, reply, from) {
      if (!reply.ok) ctx.note(`${reply.requestId} failed: ${reply.error ?? 'unknown error'}`);
      if (from !== MONOLITH_A && from !== MONOLITH_B) return;
      const key = `${from} ${reply.requestId}`;
      const since = ctx.state.sentAt.get(key);
      if (since === undefined) return;
      ctx.state.sentAt.delete(key);
      ctx.fact({ kind: 'round-trip', store: from, requestId: reply.requestId, latencyMs: ctx.now - since });
    },
  },
};
