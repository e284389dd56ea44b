/**
 * The support desk: agents opening the ticket queue, and customers editing their own profile at
 * Customers. It issues the workload's queue reads and changes, and records every page it was shown
 * with when it asked, so that the measures can judge the page against the owner at that moment.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { ReadPaths } from './messages.ts';
import { READ_INTERVAL_MS, WORKLOAD_CHANGES, WORKLOAD_READS } from './settings.ts';

interface DeskState {
  nextRead: number;
  readonly issued: Map<number, number>;
}

type Ctx = LabContext<ReadPaths, 'desk', DeskState>;

function openQueue(ctx: Ctx) {
  const readId = ++ctx.state.nextRead;
  ctx.state.issued.set(readId, ctx.now);
  ctx.send('tickets', { type: 'queue-read', readId, page: readId - 1 });
}

export const desk: ServiceSpec<ReadPaths, 'desk', DeskState> = {
  label: 'Support desk',
  role: 'Agents open the ticket queue; customers edit their profile at Customers',
  initialState: () => ({ nextRead: 0, issued: new Map() }),
  on: {
    'open-queue': openQueue,
    'read-later': openQueue,
    'run-workload'(ctx) {
      for (let i = 0; i < WORKLOAD_READS; i++) ctx.setTimer(i * READ_INTERVAL_MS, { type: 'read-later' });
      for (const c of WORKLOAD_CHANGES) ctx.setTimer(c.at, { type: 'change-later', customerId: c.customerId, change: c.change });
    },
    'change-later'(ctx, m) {
      ctx.send('customers', { type: 'update-customer', customerId: m.customerId, change: m.change });
    },
    'queue-page'(ctx, m) {
      const issuedAt = ctx.state.issued.get(m.readId);
      if (issuedAt === undefined) return;
      ctx.state.issued.delete(m.readId);
      ctx.fact({ kind: 'read', readId: m.readId, variant: m.variant, issuedAt, rows: m.rows, ...(m.error ? { error: m.error } : {}) });
      const missing = m.rows.filter((r) => r.name === null).length;
      const names = m.rows.map((r) => `${r.ticketId} ${r.name ?? '?'}`).join(', ');
      ctx.note(
        `queue page ${m.readId} (${m.variant}) after ${ctx.now - issuedAt} ms: ${missing === 0 ? names : `${missing} of ${m.rows.length} without a customer: ${m.error ?? ''}`}`,
      );
    },
  },
};
