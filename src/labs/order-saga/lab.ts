/**
 * The order-saga lab: an order crosses Orders, Inventory, Payments and Shipping, each with its own
 * database, either driven by an orchestrator or by events alone. Both modes run on the same services and
 * the same broker, so a reader compares them side by side.
 */
import { BROKER_CLIENT_SCHEMA } from '../kit/broker-client.ts';
import { DEAD_LETTER_TOPIC } from '../kit/broker-protocol.ts';
import { brokerSchema } from '../kit/broker-schema.ts';
import { broker } from '../kit/broker.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LabDefinition, TableView } from '../sim/types.ts';
import { brokerWithLinks } from './broker-link.ts';
import { exercises } from './exercises.ts';
import { faults, FAULT } from './faults.ts';
import { inventory } from './inventory.ts';
import inventorySql from './inventory.sql?raw';
import { invariants } from './invariants.ts';
import { CORRECT, INITIAL_STOCK, ORCHESTRATOR, PARTICIPANTS, REPLY_TOPIC, type OrderRequest, type SagaVariant } from './messages.ts';
import { orchestrator } from './orchestrator.ts';
import orchestratorSql from './orchestrator.sql?raw';
import { ordersService } from './orders.ts';
import ordersSql from './orders.sql?raw';
import { payments } from './payments.ts';
import paymentsSql from './payments.sql?raw';
import { topicsOf } from './routes.ts';
import { measures } from './trace-effects.ts';
import { ACK_TIMEOUT_MS, BATCH_SIZE, MAX_UNANSWERED, RETRY_DELAY_MS } from './settings.ts';
import { shipping } from './shipping.ts';
import shippingSql from './shipping.sql?raw';

/** Which service consumes which topic, derived from what each participant listens to. */
export function subscriptions(variant: SagaVariant): Record<string, string[]> {
  const map: Record<string, string[]> = { [REPLY_TOPIC]: [ORCHESTRATOR], [DEAD_LETTER_TOPIC]: [] };
  for (const service of PARTICIPANTS) for (const topic of topicsOf(service, variant)) (map[topic] ??= []).push(service);
  return map;
}

const stockRows = Object.entries(INITIAL_STOCK)
  .map(([sku, n]) => `(${sqlText(sku)}, ${sqlInt(n)}, ${sqlInt(n)})`)
  .join(', ');

const offsets: TableView = { title: 'consumer_offsets', sql: 'SELECT topic, last_seq FROM consumer_offsets ORDER BY topic' };
const outbox: TableView = {
  title: 'outbox (not yet sent)',
  sql: 'SELECT id, topic, type, key FROM outbox WHERE sent_at IS NULL ORDER BY id',
};

const anOrder: OrderRequest = { sku: 'kettle', qty: 2, card: 'good', region: 'mainland' };

export function orderSagaLab(variant: Partial<SagaVariant> = {}): LabDefinition {
  const v: SagaVariant = { ...CORRECT, ...variant };
  const subs = subscriptions(v);
  return {
    id: 'order-saga',
    title: 'An order saga across four services, orchestrated or choreographed',
    services: [
      {
        name: 'orchestrator',
        label: 'Orchestrator',
        role: 'Drives orchestrated sagas; keeps its saga log in SQLite',
        database: { kind: 'sqlite', setupSql: `${orchestratorSql}\n${BROKER_CLIENT_SCHEMA}` },
        tables: [
          {
            title: 'sagas and their latest log entry',
            sql: `SELECT s.saga_id, (SELECT coalesce(l.step || ' ', '') || l.event FROM saga_log l WHERE l.saga_id = s.saga_id ORDER BY l.seq DESC LIMIT 1) AS latest
FROM sagas s ORDER BY s.started_at, length(s.saga_id), s.saga_id`,
          },
          {
            title: 'saga_log (newest first)',
            sql: 'SELECT seq, saga_id, step, event, detail, at FROM saga_log ORDER BY seq DESC LIMIT 40',
          },
          offsets,
          outbox,
        ],
      },
      {
        name: 'orders',
        label: 'Orders',
        role: 'The order the customer sees (Postgres)',
        database: { kind: 'postgres', setupSql: `${ordersSql}\n${BROKER_CLIENT_SCHEMA}` },
        tables: [
          {
            title: 'outcomes by mode',
            sql: 'SELECT mode, status, count(*)::int AS orders FROM orders GROUP BY mode, status ORDER BY mode, status',
          },
          { title: 'orders', sql: 'SELECT id, sku, qty, amount, card, region, status FROM orders ORDER BY placed_at, length(id), id' },
          offsets,
          outbox,
        ],
      },
      {
        name: 'inventory',
        label: 'Inventory',
        role: 'Reserves and releases stock (SQLite)',
        database: {
          kind: 'sqlite',
          setupSql: `${inventorySql}\n${BROKER_CLIENT_SCHEMA}\nINSERT INTO items (sku, initial, available) VALUES ${stockRows};`,
        },
        tables: [
          {
            title: 'items',
            sql: `SELECT i.sku, i.initial, i.available, coalesce(sum(r.qty), 0) AS held FROM items i
LEFT JOIN reservations r ON r.sku = i.sku AND r.status = 'held' GROUP BY i.sku, i.initial, i.available ORDER BY i.sku`,
          },
          { title: 'reservations', sql: 'SELECT id, order_id, sku, qty, status FROM reservations ORDER BY id' },
          offsets,
        ],
      },
      {
        name: 'payments',
        label: 'Payments',
        role: 'Charges and refunds cards (Postgres)',
        database: { kind: 'postgres', setupSql: `${paymentsSql}\n${BROKER_CLIENT_SCHEMA}` },
        tables: [{ title: 'payments', sql: 'SELECT id, order_id, kind, amount, at FROM payments ORDER BY id' }, offsets, outbox],
      },
      {
        name: 'shipping',
        label: 'Shipping',
        role: 'Sends the parcel: the step after which there is no way back (SQLite)',
        database: { kind: 'sqlite', setupSql: `${shippingSql}\n${BROKER_CLIENT_SCHEMA}` },
        tables: [{ title: 'shipments', sql: 'SELECT id, order_id, sku, qty, region, shipped_at FROM shipments ORDER BY id' }, offsets],
      },
      {
        name: 'broker',
        label: 'Broker',
        role: 'Topics, delivery cursors and the dead-letter topic (SQLite); stands in for Kafka',
        database: { kind: 'sqlite', setupSql: brokerSchema({ subscriptions: subs }) },
        tables: [
          { title: 'topics', sql: 'SELECT topic, count(*) AS records, max(seq) AS last_seq FROM broker_log GROUP BY topic ORDER BY topic' },
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
      },
    ],
    behaviours: {
      orchestrator: orchestrator(v),
      orders: ordersService(v),
      inventory: inventory(v),
      payments: payments(v),
      shipping: shipping(v),
      broker: brokerWithLinks(
        broker({
          subscriptions: subs,
          ackTimeoutMs: ACK_TIMEOUT_MS,
          retryDelayMs: RETRY_DELAY_MS,
          maxUnanswered: MAX_UNANSWERED,
          duplicateFault: FAULT.duplicateDelivery,
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
    network: { latencyMs: 10, jitterMs: 5 },
    statementLimitMs: 10_000,
    exercises,
  };
}

export default orderSagaLab();
