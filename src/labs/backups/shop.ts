/** The shop: opens for the day and sends orders at seeded moments; it keeps no data of its own. */
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { Backups, OrderRow } from './messages.ts';
import { CUSTOMERS, DAY_MS, INVOICE_EVERY, ORDER_GAP_MAX_MS, ORDER_GAP_MIN_MS, STREETS } from './settings.ts';

interface ShopState {
  opened: number | null;
  closed: boolean;
  placed: number;
}

export const shop: ServiceSpec<Backups, 'shop', ShopState> = {
  label: 'Shop',
  role: 'Sends an order every 5 to 15 s for the day; the vault’s jobs start with it',
  initialState: () => ({ opened: null, closed: false, placed: 0 }),
  on: {
    'open-shop'(ctx) {
      if (ctx.state.opened !== null) return ctx.note('the shop is already open');
      ctx.state.opened = ctx.now;
      ctx.send('vault', { type: 'start-schedule' });
      ctx.setTimer(0, { type: 'next-order' });
    },
    'close-shop'(ctx) {
      if (ctx.state.closed) return;
      ctx.state.closed = true;
      ctx.send('vault', { type: 'stop-schedule' });
      ctx.note('the shop closes early; the vault’s jobs stop with it');
    },
    'next-order'(ctx) {
      if (ctx.state.closed) return;
      if (ctx.state.opened === null || ctx.now - ctx.state.opened >= DAY_MS) return ctx.note('the shop closes for the day');
      const n = ++ctx.state.placed;
      const pick = <T>(list: readonly T[]) => list[Math.floor(ctx.random() * list.length)] as T;
      const order: OrderRow = {
        id: `O-${String(n).padStart(3, '0')}`,
        customer: pick(CUSTOMERS),
        address: `${1 + Math.floor(ctx.random() * 90)} ${pick(STREETS)}`,
        total_cents: 500 + 50 * Math.floor(ctx.random() * 200),
        pay: n % INVOICE_EVERY === 0 ? 'invoice' : 'card',
        placed_at: ctx.now,
        recovered_from: null,
      };
      ctx.send('orders', { type: 'place', order });
      ctx.setTimer(ORDER_GAP_MIN_MS + Math.floor(ctx.random() * (ORDER_GAP_MAX_MS - ORDER_GAP_MIN_MS)), { type: 'next-order' });
    },
  },
};
