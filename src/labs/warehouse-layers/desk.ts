/**
 * The support desk and billing. Over one month the desk opens tickets for the customers, and billing moves a
 * few customers to the other plan in the middle of it. With the bad-records fault on, every eighth ticket is
 * a bad one: an e-mail from an address no customer has, an import from the old CRM naming a customer that was
 * never migrated, or a field laptop whose clock runs two days ahead.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { BadKind, WarehouseLab } from './messages.ts';
import {
  BAD_EVERY,
  CLOCK_AHEAD_MS,
  CUSTOMERS,
  DAY_MS,
  MONTH_DAYS,
  PLAN_CHANGE_DAYS,
  PLAN_CHANGES,
  TICKETS_PER_DAY,
  UNKNOWN_CUSTOMER,
} from './settings.ts';

interface DeskState {
  ran: boolean;
  nextTicket: number;
  opened: number;
}

type Ctx = LabContext<WarehouseLab, 'desk', DeskState>;

const BAD_KINDS: readonly BadKind[] = ['no-customer', 'unknown-customer', 'clock-ahead'];

const pick = <T>(ctx: Ctx, items: readonly T[]): T => items[Math.floor(ctx.random() * items.length)] as T;

/** Plans the whole month up front from the seed: the same seed gives the same tickets and plan changes. */
function runMonth(ctx: Ctx) {
  if (ctx.state.ran) {
    ctx.note('the month has been run already; reset the lab to run it again');
    return;
  }
  ctx.state.ran = true;
  const start = Math.ceil(ctx.now / DAY_MS) * DAY_MS;
  ctx.send('ops', { type: 'initial-snapshot' });
  ctx.send('warehouse', { type: 'schedule-runs', from: start });
  const changing = [...CUSTOMERS];
  for (let i = 0; i < PLAN_CHANGES; i++) {
    const customerId = changing.splice(Math.floor(ctx.random() * changing.length), 1)[0] ?? 1;
    const [first, last] = PLAN_CHANGE_DAYS;
    const day = first + Math.floor(ctx.random() * (last - first + 1));
    ctx.setTimer(start + day * DAY_MS + 5 + Math.floor(ctx.random() * (DAY_MS - 10)) - ctx.now, { type: 'change-plan', customerId });
  }
  for (let day = 0; day < MONTH_DAYS; day++) {
    const count = TICKETS_PER_DAY - 2 + Math.floor(ctx.random() * 5);
    for (let i = 0; i < count; i++) {
      const at = start + day * DAY_MS + 5 + Math.floor(ctx.random() * (DAY_MS - 10));
      ctx.setTimer(at - ctx.now, { type: 'open-next', customerId: pick(ctx, CUSTOMERS) });
    }
  }
}

export const desk: ServiceSpec<WarehouseLab, 'desk', DeskState> = {
  label: 'Desk + billing',
  role: 'Opens tickets through one month; billing moves customers to the other plan mid-month',
  initialState: () => ({ ran: false, nextTicket: 501, opened: 0 }),
  on: {
    'run-month': runMonth,
    'open-next'(ctx, m) {
      const ticketId = ctx.state.nextTicket++;
      ctx.state.opened++;
      if (ctx.isFaultOn('bad-records') && ctx.state.opened % BAD_EVERY === 0) {
        const bad = BAD_KINDS[(ctx.state.opened / BAD_EVERY - 1) % BAD_KINDS.length] ?? 'no-customer';
        ctx.fact({ kind: 'bad-ticket', ticketId, bad });
        ctx.note(`ticket ${ticketId} is a bad record: ${bad}`);
        ctx.send('ops', {
          type: 'open-ticket',
          ticketId,
          customerId: bad === 'no-customer' ? null : bad === 'unknown-customer' ? UNKNOWN_CUSTOMER : m.customerId,
          openedAt: bad === 'clock-ahead' ? ctx.now + CLOCK_AHEAD_MS : ctx.now,
        });
        return;
      }
      ctx.send('ops', { type: 'open-ticket', ticketId, customerId: m.customerId, openedAt: ctx.now });
    },
    'change-plan'(ctx, m) {
      ctx.send('ops', { type: 'change-plan', customerId: m.customerId });
    },
  },
};
