/**
 * The other shoppers: rush hour sends the order service more orders in a short window than the projector
 * can take in at its pace. Their orders compete with yours for the projector; nobody reads them here.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { basket } from './basket.ts';
import type { CqrsLag } from './messages.ts';
import { RUSH_ORDERS, RUSH_WINDOW_MS } from './settings.ts';

/** Twenty shoppers share the rush between them. */
const SHOPPERS = 20;

export const crowd: ServiceSpec<CqrsLag, 'crowd', { placed: number }> = {
  label: 'Other shoppers',
  role: 'Places orders for other customers: a rush hour the projector cannot keep up with',
  initialState: () => ({ placed: 0 }),
  on: {
    rush(ctx) {
      // Each order's moment is drawn from the kernel's seeded random: one seed, one rush.
      for (let i = 0; i < RUSH_ORDERS; i++) ctx.setTimer(Math.floor(ctx.random() * RUSH_WINDOW_MS), { type: 'rush-order' });
    },
    'rush-order'(ctx) {
      const n = ++ctx.state.placed;
      ctx.send('orders', {
        type: 'place-order',
        orderId: `C-${n}`,
        customerId: `shopper-${(n % SHOPPERS) + 1}`,
        card: 'good',
        lines: basket(n),
      });
    },
    'order-placed'() {
      // The crowd does not look at its orders; the lab follows only yours.
    },
  },
};
