/**
 * The order-saga lab: an order crosses Orders, Inventory, Payments and Shipping, each with its own
 * database, either driven by an orchestrator or by events alone. Both modes run on the same services and
 * the same broker, so a reader compares them side by side.
 */
import { DEAD_LETTER_TOPIC, type ConsumersOf, type Subscriptions } from '../kit/broker-protocol.ts';
import { brokerService } from '../kit/broker.ts';
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { brokerWithLinks } from './broker-link.ts';
import { followedBy } from './choreography.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { inventory } from './inventory.ts';
import { invariants } from './invariants.ts';
import { CORRECT, type OrderRequest, type OrderSaga, type Participant, type SagaVariant } from './messages.ts';
import { orchestrator } from './orchestrator.ts';
import { ordersService } from './orders.ts';
import { payments } from './payments.ts';
import { ACK_TIMEOUT_MS, BATCH_SIZE, MAX_UNANSWERED, RETRY_DELAY_MS } from './settings.ts';
import { shipping } from './shipping.ts';
import { measures } from './trace-effects.ts';

/** Who may follow each participant's events; the compiler checks that each of them has a handler for all of them. */
const MAY_FOLLOW: { readonly [P in Participant]: readonly ConsumersOf<OrderSaga, `${P}-events`>[] } = {
  orders: ['inventory'],
  inventory: ['orders', 'payments'],
  payments: ['orders', 'inventory', 'shipping'],
  shipping: ['orders', 'payments'],
};

/** Which service consumes which topic: commands and replies always, events as the variant's wiring needs them. */
export function subscriptions(variant: SagaVariant): Subscriptions<OrderSaga> {
  const follows = (source: Participant) => (service: Participant) => followedBy(service, variant.undoOrder).includes(source);
  return {
    'saga-replies': ['orchestrator'],
    [DEAD_LETTER_TOPIC]: [],
    'orders-commands': ['orders'],
    'inventory-commands': ['inventory'],
    'payments-commands': ['payments'],
    'shipping-commands': ['shipping'],
    'orders-events': MAY_FOLLOW.orders.filter(follows('orders')),
    'inventory-events': MAY_FOLLOW.inventory.filter(follows('inventory')),
    'payments-events': MAY_FOLLOW.payments.filter(follows('payments')),
    'shipping-events': MAY_FOLLOW.shipping.filter(follows('shipping')),
  };
}

const anOrder: OrderRequest = { sku: 'kettle', qty: 2, card: 'good', region: 'mainland' };

export function orderSagaLab(variant: Partial<SagaVariant> = {}): LabDefinition {
  const v: SagaVariant = { ...CORRECT, ...variant };
  return defineLab<OrderSaga>({
    id: 'order-saga',
    title: 'An order saga across four services, orchestrated or choreographed',
    services: {
      orchestrator: orchestrator(v),
      orders: ordersService(v),
      inventory: inventory(v),
      payments: payments(v),
      shipping: shipping(v),
      broker: brokerWithLinks(
        brokerService<OrderSaga>({
          label: 'Broker',
          role: 'Topics, delivery cursors and the dead-letter topic (SQLite); stands in for Kafka',
          tables: [
            {
              title: 'topics',
              sql: 'SELECT topic, count(*) AS records, max(seq) AS last_seq FROM broker_log GROUP BY topic ORDER BY topic',
            },
            {
              title: 'dead letters',
              sql: `SELECT d.seq, d.key, d.type, CASE WHEN r.dead_letter_seq IS NULL THEN 'waiting' ELSE 'redriven' END AS state
FROM broker_log d LEFT JOIN broker_redriven r ON r.dead_letter_seq = d.seq WHERE d.topic = '${DEAD_LETTER_TOPIC}' ORDER BY d.seq`,
            },
            {
              title: 'subscriptions',
              sql: 'SELECT consumer, topic, next_seq, in_flight, attempts, paused FROM broker_subscriptions ORDER BY consumer, topic',
            },
          ],
          subscriptions: subscriptions(v),
          ackTimeoutMs: ACK_TIMEOUT_MS,
          retryDelayMs: RETRY_DELAY_MS,
          maxUnanswered: MAX_UNANSWERED,
          duplicateFault: 'duplicate-delivery',
        }),
      ),
    },
    faults,
    invariants,
    measures,
    actions: [
      {
        id: 'order-orchestrated',
        label: 'Place an order (orchestrated)',
        service: 'orchestrator',
        message: { type: 'place-order', order: anOrder },
      },
      {
        id: 'order-choreographed',
        label: 'Place an order (choreographed)',
        service: 'orders',
        message: { type: 'place-order', order: anOrder },
      },
      {
        id: 'batch-orchestrated',
        label: `Place ${BATCH_SIZE} orders at once (orchestrated)`,
        service: 'orchestrator',
        message: { type: 'place-batch', count: BATCH_SIZE },
      },
      {
        id: 'batch-choreographed',
        label: `Place ${BATCH_SIZE} orders at once (choreographed)`,
        service: 'orders',
        message: { type: 'place-batch', count: BATCH_SIZE },
      },
      { id: 'redrive', label: 'Redrive the dead-letter topic', service: 'broker', message: { type: 'redrive' } },
    ],
    exercises,
  });
}

export default orderSagaLab();
