/**
 * The ticket application: the operational workload. It has no database of its own; every request goes to
 * both monoliths at the same moment, so setup A and setup B serve exactly the same workload.
 */
import type { ServiceBehaviour } from '../sim/types.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, type OperationalRequest, type Reply } from './messages.ts';
import { COPY_TAIL_MS, FIRST_NEW_TICKET_ID } from './settings.ts';
import { initialPools, planWorkload, type PlannedRequest, type TicketPools } from './workload.ts';

interface TicketAppState {
  readonly pools: TicketPools;
  sent: number;
}

const DESCRIPTIONS = ['Printer offline', 'VPN keeps dropping', 'Laptop fan loud', 'E-mail not syncing', 'Screen flickers'];

export function ticketApp(): ServiceBehaviour<TicketAppState> {
  return {
    initialState: () => ({ pools: initialPools(FIRST_NEW_TICKET_ID), sent: 0 }),
    handle(ctx, message) {
      switch (message.type) {
        case 'start-workload': {
          const plan = planWorkload(Number(message['requests']), ctx.state.pools, () => ctx.random());
          for (const planned of plan) ctx.setTimer(planned.offsetMs, { type: 'send-request', planned });
          const last = plan.at(-1)?.offsetMs ?? 0;
          ctx.note(`serving ${plan.length} requests over ${last} ms`);
          // The copy job's scheduler runs it while this workload lasts (see analytics.ts).
          ctx.send(ANALYTICS, { type: 'schedule-copies', until: ctx.now + last + COPY_TAIL_MS });
          return Promise.resolve();
        }
        case 'send-request': {
          const planned = message['planned'] as PlannedRequest;
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
          ctx.send(MONOLITH_A, request);
          ctx.send(MONOLITH_B, request);
          return Promise.resolve();
        }
        case 'reply': {
          const reply = message as unknown as Reply;
          if (!reply.ok) ctx.note(`${reply.requestId} failed: ${reply.error ?? 'unknown error'}`);
          return Promise.resolve();
        }
      }
      return Promise.resolve();
    },
  };
}
