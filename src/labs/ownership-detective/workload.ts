/**
 * The workload driver: when the reader runs a month, it draws the month's story from the seed, plans the
 * requests, and hands them to the services one at a time. Requests are spaced wider than a round trip
 * (driver to service to monolith and back), so each finishes before the next starts and a ticket is
 * always filed before anyone assigns it.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { OwnershipDetective } from './messages.ts';
import { FIRST_COUNTERS, planMonth, type Counters } from './plan.ts';
import type { Request } from './statements.ts';
import { pickVariant } from './variants.ts';

export const WORKLOAD = 'workload';
export const REQUEST_SPACING_MS = 60;

interface WorkloadState {
  counters: Counters;
  /** Requests not sent yet. A timer is set exactly when this is not empty. */
  queue: readonly Request[];
}

export const workload: ServiceSpec<OwnershipDetective, typeof WORKLOAD, WorkloadState> = {
  label: 'Workload',
  role: 'Plays a month of requests, drawn from the seed',
  initialState: () => ({ counters: FIRST_COUNTERS, queue: [] }),
  on: {
    'run-month'(ctx) {
      const variant = pickVariant(ctx.random());
      const plan = planMonth(variant, ctx.state.counters, () => ctx.random());
      ctx.note(`Month ${plan.counters.month}, ${plan.requests.length} requests. ${variant.story}`);
      const idle = ctx.state.queue.length === 0;
      ctx.state = { counters: plan.counters, queue: [...ctx.state.queue, ...plan.requests] };
      if (idle) ctx.setTimer(0, { type: 'next-request' });
    },
    'next-request'(ctx) {
      const [next, ...rest] = ctx.state.queue;
      if (!next) return;
      ctx.send(next.service, { type: 'request', op: next.op, params: next.params });
      ctx.state = { ...ctx.state, queue: rest };
      if (rest.length > 0) ctx.setTimer(REQUEST_SPACING_MS, { type: 'next-request' });
    },
  },
};
