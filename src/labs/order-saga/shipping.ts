/** Shipping: sends the parcel, or refuses when no courier serves the address. */
import { BROKER_CLIENT_SCHEMA } from '../kit/broker-client.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LinkState } from './broker-link.ts';
import { OFFSETS_VIEW } from './consume.ts';
import type { Operation } from './local-commit.ts';
import type { OrderSaga, SagaVariant } from './messages.ts';
import { onCommand, participantHandlers } from './participant.ts';
import shippingSql from './shipping.sql?raw';

const ship: Operation = {
  name: 'ship-order',
  key: (order) => `ship:${order.orderId}`,
  faults: { crashBeforeCommit: 'shipping-crash-before-commit', crashAfterCommit: 'shipping-crash-after-commit' },
  plan(ctx, order) {
    if (ctx.isFaultOn('shipping-refuses')) {
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

export function shipping(variant: SagaVariant): ServiceSpec<OrderSaga, 'shipping', LinkState> {
  const participant = participantHandlers('shipping', variant, { 'ship-order': ship });
  return {
    label: 'Shipping',
    role: 'Sends the parcel: the step after which there is no way back (SQLite)',
    database: { kind: 'sqlite', setupSql: `${shippingSql}\n${BROKER_CLIENT_SCHEMA}` },
    tables: [{ title: 'shipments', sql: 'SELECT id, order_id, sku, qty, region, shipped_at FROM shipments ORDER BY id' }, OFFSETS_VIEW],
    initialState: participant.initialState,
    on: { 'ship-order': onCommand(variant, ship), ...participant.events, ...participant.link },
    recover: participant.recover,
  };
}
