/** The faults a reader can inject, as data: the UI lists them and the tests draw them at random. */
import type { FaultSpec, Faults } from '../kit/define-lab.ts';
import type { OrderSaga, Participant } from './messages.ts';
import {
  ACK_TIMEOUT_MS,
  MAX_ATTEMPTS,
  MAX_UNANSWERED,
  RECONNECT_MS,
  REORDER_JITTER_MS,
  SLOW_PAYMENTS_MS,
  STEP_DEADLINE_MS,
} from './settings.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;
const title = (service: string) => service.charAt(0).toUpperCase() + service.slice(1);

export const faults: Faults<OrderSaga> = {
  'idempotency-off': {
    label: 'Idempotency keys off',
    description:
      'Inventory, Payments and Shipping stop recording and checking idempotency keys. Any message that arrives twice is applied twice: a second charge, a second release of stock.',
  },
  'payment-declined': {
    label: 'Payment declined',
    description: 'Payments declines every card, so each saga has to release the stock it reserved and cancel the order.',
    service: 'payments',
  },
  'out-of-stock': {
    label: 'Out of stock',
    description:
      'Inventory refuses every reservation. Nothing was done before that step except creating the order, so only the order is cancelled.',
    service: 'inventory',
  },
  'shipping-refuses': {
    label: 'Shipping refuses',
    description:
      'Shipping has no courier and refuses every order, after the money was taken: the saga refunds, releases the stock, then cancels.',
    service: 'shipping',
  },
  'payments-crash-before-commit': {
    label: 'Payments crashes before its commit',
    description:
      'Payments decides to charge, then dies before its local transaction commits. Nothing was charged; the broker delivers the request again once Payments is back.',
    service: 'payments',
  },
  'payments-crash-after-commit': {
    label: 'Payments crashes after its commit',
    description:
      'Payments commits the charge and dies before it publishes the outcome. The outcome waits in its outbox and goes out when it restarts, and it resumes reading after the position it committed with the charge.',
    service: 'payments',
  },
  'inventory-crash-before-commit': {
    label: 'Inventory crashes before its commit',
    description:
      'Inventory checks the stock for a reservation, then dies before its local transaction commits. Nothing was reserved; the broker hands it the request again once it is back.',
    service: 'inventory',
  },
  'inventory-crash-after-commit': {
    label: 'Inventory crashes after its commit',
    description:
      'Inventory commits the reservation and dies before it publishes the outcome. The stock stays held, the outcome waits in its outbox, and both go on when it restarts.',
    service: 'inventory',
  },
  'shipping-crash-before-commit': {
    label: 'Shipping crashes before its commit',
    description:
      'Shipping dies before its local transaction records the parcel. No parcel left; the request is delivered again after the restart.',
    service: 'shipping',
  },
  'shipping-crash-after-commit': {
    label: 'Shipping crashes after its commit',
    description:
      'Shipping records the parcel and dies before announcing it. The saga is past its pivot but nobody knows yet: the outbox tells them after the restart.',
    service: 'shipping',
  },
  'orders-crash-before-commit': {
    label: 'Orders crashes before its commit',
    description:
      'Orders dies before it stores a new order. Orchestrated, the broker delivers the command again after the restart. Choreographed, the order is simply lost: the customer’s click reached a service that never stored it, and nobody else heard of it.',
    service: 'orders',
  },
  'orders-crash-after-commit': {
    label: 'Orders crashes after its commit',
    description:
      'Orders stores the new order and dies before announcing it or replying. The record waits in its outbox and goes out when Orders restarts.',
    service: 'orders',
  },
  'orchestrator-crash-after-log': {
    label: 'Orchestrator crashes after writing its log',
    description:
      'The orchestrator commits each decision to its saga log and dies before sending the command. On restart it reads the log and carries on.',
    service: 'orchestrator',
  },
  'payments-slow': {
    label: 'Payments is slow',
    description: `The card network takes ${ms(SLOW_PAYMENTS_MS)} to answer. The broker gives up waiting after ${ms(ACK_TIMEOUT_MS)} and delivers the request again, and the orchestrator stops waiting after ${ms(STEP_DEADLINE_MS)} and compensates.`,
    service: 'payments',
  },
  'duplicate-delivery': {
    label: 'Duplicate delivery',
    description:
      'The broker stores every record twice, as a producer retrying after a lost confirmation would. Every consumer sees every message twice.',
    service: 'broker',
  },
  'out-of-order': {
    label: 'Out-of-order delivery to Orders',
    description: `Every message between the broker and Orders takes up to ${ms(REORDER_JITTER_MS)} longer, at random, so Orders hears about later steps before earlier ones.`,
    service: 'orders',
    network: { kind: 'reorder', between: ['broker', 'orders'], jitterMs: REORDER_JITTER_MS },
  },
  'refunds-fail': {
    label: 'Refunds fail',
    description: `The payment provider rejects every refund. After ${MAX_ATTEMPTS} attempts Payments parks the refund in the dead-letter topic, and the saga waits there until someone redrives it.`,
    service: 'payments',
  },
  ...partitions(),
};

/** A network partition between the broker and each participant: the kernel drops every message across it. */
function partitions(): Record<`partition-${Participant}`, FaultSpec<OrderSaga>> {
  const partition = (service: Participant): FaultSpec<OrderSaga> => ({
    label: `Partition between the broker and ${title(service)}`,
    description: `Every message between the broker and ${title(service)} is lost, both ways. After ${MAX_UNANSWERED} unanswered deliveries the broker stops and waits; both sides retry every ${ms(RECONNECT_MS)}, and once the network heals ${title(service)} resumes from its stored position and publishes what its outbox kept.`,
    service,
    network: { kind: 'partition', between: ['broker', service] },
  });
  return {
    'partition-orders': partition('orders'),
    'partition-inventory': partition('inventory'),
    'partition-payments': partition('payments'),
    'partition-shipping': partition('shipping'),
  };
}
