/**
 * The workload: customers open support tickets and are invoiced over one run, at moments drawn from the
 * seed. Pressing Run also tells every domain, the platform and the consumer to keep going until the run ends.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { MeshLab } from './messages.ts';
import { CUSTOMERS, INVOICES_PER_RUN, RUN_MS, TICKETS_PER_RUN } from './settings.ts';

interface CustomersState {
  nextTicket: number;
  nextInvoice: number;
}

const SUBJECTS = ['cannot log in', 'invoice looks wrong', 'export is slow', 'how do I add a seat?', 'password reset'] as const;

export const customers: ServiceSpec<MeshLab, 'customers', CustomersState> = {
  label: 'Customers',
  role: `Open tickets with Support and are invoiced by Billing over a ${RUN_MS.toLocaleString('en')} ms run`,
  initialState: () => ({ nextTicket: 101, nextInvoice: 5001 }),
  on: {
    run(ctx) {
      const until = ctx.now + RUN_MS;
      for (const service of ['support', 'billing', 'platform', 'marketing'] as const) ctx.send(service, { type: 'run-until', until });
      const tickets = TICKETS_PER_RUN - 2 + Math.floor(ctx.random() * 5);
      for (let i = 0; i < tickets; i++) ctx.setTimer(10 + Math.floor(ctx.random() * (RUN_MS - 100)), { type: 'open-ticket' });
      const invoices = INVOICES_PER_RUN - 2 + Math.floor(ctx.random() * 5);
      for (let i = 0; i < invoices; i++) ctx.setTimer(10 + Math.floor(ctx.random() * (RUN_MS - 100)), { type: 'issue-invoice' });
    },
    'open-ticket'(ctx) {
      const customerId = CUSTOMERS[Math.floor(ctx.random() * CUSTOMERS.length)] ?? 1;
      const subject = SUBJECTS[Math.floor(ctx.random() * SUBJECTS.length)] ?? SUBJECTS[0];
      ctx.send('support', { type: 'open-ticket', ticketId: ctx.state.nextTicket++, customerId, subject });
    },
    'issue-invoice'(ctx) {
      const customerId = CUSTOMERS[Math.floor(ctx.random() * CUSTOMERS.length)] ?? 1;
      const amountCents = 500 + 100 * Math.floor(ctx.random() * 95);
      ctx.send('billing', { type: 'issue-invoice', invoiceId: ctx.state.nextInvoice++, customerId, amountCents });
    },
  },
};
