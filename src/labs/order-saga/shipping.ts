/** Shipping: sends the parcel, or refuses when no courier serves the address. */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import type { LinkState } from './broker-link.ts';
import { FAULT } from './faults.ts';
import type { SagaVariant } from './messages.ts';
import type { Operation } from './local-commit.ts';
import { participant } from './routes.ts';

const ship: Operation = {
  name: 'ship-order',
  key: (order) => `ship:${order.orderId}`,
  faults: { crashBeforeCommit: FAULT.shippingCrashBeforeCommit, crashAfterCommit: FAULT.shippingCrashAfterCommit },
  plan(ctx, order) {
    if (ctx.isFaultOn(FAULT.shippingRefuses)) {
      return Promise.resolve({ kind: 'commit', outcome: 'failed', reason: 'no courier (injected fault)', statements: [] });
    }
    if (order.region === 'islands')
      return Promise.resolve({ kind: 'commit', outcome: 'failed', reason: 'no courier serves the islands', statements: [] });
    return Promise.resolve({
      kind: 'commit',
      outcome: 'done',
      statements: [
        `INSERT INTO shipments (id, order_id, sku, qty, region, shipped_at)
SELECT coalesce(max(id), 0) + 1, ${sqlText(order.orderId)}, ${sqlText(order.sku)}, ${sqlInt(order.qty)}, ${sqlText(order.region)}, ${sqlInt(ctx.now)} FROM shipments`,
      ],
    });
  },
};

export function shipping(variant: SagaVariant): ServiceBehaviour<LinkState> {
  return participant('shipping', { [ship.name]: ship }, variant);
}
