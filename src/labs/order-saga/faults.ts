/** The faults a reader can inject, as data: the UI lists them and the tests draw them at random. */
import type { FaultDefinition } from '../sim/types.ts';
import type { Participant } from './messages.ts';
import {
  ACK_TIMEOUT_MS,
  MAX_ATTEMPTS,
  MAX_UNANSWERED,
  RECONNECT_MS,
  REORDER_JITTER_MS,
  SLOW_PAYMENTS_MS,
  STEP_DEADLINE_MS,
} from './settings.ts';

export const FAULT = {
  idempotencyOff: 'idempotency-off',
  paymentDeclined: 'payment-declined',
  outOfStock: 'out-of-stock',
  shippingRefuses: 'shipping-refuses',
  paymentsCrashBeforeCommit: 'payments-crash-before-commit',
  paymentsCrashAfterCommit: 'payments-crash-after-commit',
  inventoryCrashBeforeCommit: 'inventory-crash-before-commit',
  inventoryCrashAfterCommit: 'inventory-crash-after-commit',
  shippingCrashBeforeCommit: 'shipping-crash-before-commit',
  shippingCrashAfterCommit: 'shipping-crash-after-commit',
  ordersCrashBeforeCommit: 'orders-crash-before-commit',
  ordersCrashAfterCommit: 'orders-crash-after-commit',
  orchestratorCrashAfterLog: 'orchestrator-crash-after-log',
  paymentsSlow: 'payments-slow',
  duplicateDelivery: 'duplicate-delivery',
  outOfOrder: 'out-of-order',
  refundsFail: 'refunds-fail',
} as const;

/** A network partition between the broker and each participant: the kernel drops every message across it. */
export const PARTITION: Readonly<Record<Participant, string>> = {
  orders: 'partition-orders',
  inventory: 'partition-inventory',
  payments: 'partition-payments',
  shipping: 'partition-shipping',
};

/** The partition fault cutting `service` off from the broker, if there is one. */
export function partitionOf(service: string): string | undefined {
  return (PARTITION as Readonly<Record<string, string>>)[service];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;
const title = (service: string) => service.charAt(0).toUpperCase() + service.slice(1);

export const faults: readonly FaultDefinition[] = [
  {
    id: FAULT.idempotencyOff,
    label: 'Idempotency keys off',
    description:
      'Inventory, Payments and Shipping stop recording and checking idempotency keys. Any message that arrives twice is applied twice: a second charge, a second release of stock.',
  },
  {
    id: FAULT.paymentDeclined,
    label: 'Payment declined',
    description: 'Payments declines every card, so each saga has to release the stock it reserved and cancel the order.',
    service: 'payments',
  },
  {
    id: FAULT.outOfStock,
    label: 'Out of stock',
    description:
      'Inventory refuses every reservation. Nothing was done before that step except creating the order, so only the order is cancelled.',
    service: 'inventory',
  },
  {
    id: FAULT.shippingRefuses,
    label: 'Shipping refuses',
    description:
      'Shipping has no courier and refuses every order, after the money was taken: the saga refunds, releases the stock, then cancels.',
    service: 'shipping',
  },
  {
    id: FAULT.paymentsCrashBeforeCommit,
    label: 'Payments crashes before its commit',
    description:
      'Payments decides to charge, then dies before its local transaction commits. Nothing was charged; the broker delivers the request again once Payments is back.',
    service: 'payments',
  },
  {
    id: FAULT.paymentsCrashAfterCommit,
    label: 'Payments crashes after its commit',
    description:
      'Payments commits the charge and dies before it publishes the outcome. The outcome waits in its outbox and goes out when it restarts, and it resumes reading after the position it committed with the charge.',
    service: 'payments',
  },
  {
    id: FAULT.inventoryCrashBeforeCommit,
    label: 'Inventory crashes before its commit',
    description:
      'Inventory checks the stock for a reservation, then dies before its local transaction commits. Nothing was reserved; the broker hands it the request again once it is back.',
    service: 'inventory',
  },
  {
    id: FAULT.inventoryCrashAfterCommit,
    label: 'Inventory crashes after its commit',
    description:
      'Inventory commits the reservation and dies before it publishes the outcome. The stock stays held, the outcome waits in its outbox, and both go on when it restarts.',
    service: 'inventory',
  },
  {
    id: FAULT.shippingCrashBeforeCommit,
    label: 'Shipping crashes before its commit',
    description:
      'Shipping dies before its local transaction records the parcel. No parcel left; the request is delivered again after the restart.',
    service: 'shipping',
  },
  {
    id: FAULT.shippingCrashAfterCommit,
    label: 'Shipping crashes after its commit',
    description:
      'Shipping records the parcel and dies before announcing it. The saga is past its pivot but nobody knows yet: the outbox tells them after the restart.',
    service: 'shipping',
  },
  {
    id: FAULT.ordersCrashBeforeCommit,
    label: 'Orders crashes before its commit',
    description:
      'Orders dies before it stores a new order. Orchestrated, the broker delivers the command again after the restart. Choreographed, the order is simply lost: the customer’s click reached a service that never stored it, and nobody else heard of it.',
    service: 'orders',
  },
  {
    id: FAULT.ordersCrashAfterCommit,
    label: 'Orders crashes after its commit',
    description:
      'Orders stores the new order and dies before announcing it or replying. The record waits in its outbox and goes out when Orders restarts.',
    service: 'orders',
  },
  {
    id: FAULT.orchestratorCrashAfterLog,
    label: 'Orchestrator crashes after writing its log',
    description:
      'The orchestrator commits each decision to its saga log and dies before sending the command. On restart it reads the log and carries on.',
    service: 'orchestrator',
  },
  {
    id: FAULT.paymentsSlow,
    label: 'Payments is slow',
    description: `The card network takes ${ms(SLOW_PAYMENTS_MS)} to answer. The broker gives up waiting after ${ms(ACK_TIMEOUT_MS)} and delivers the request again, and the orchestrator stops waiting after ${ms(STEP_DEADLINE_MS)} and compensates.`,
    service: 'payments',
  },
  {
    id: FAULT.duplicateDelivery,
    label: 'Duplicate delivery',
    description:
      'The broker stores every record twice, as a producer retrying after a lost confirmation would. Every consumer sees every message twice.',
    service: 'broker',
  },
  {
    id: FAULT.outOfOrder,
    label: 'Out-of-order delivery to Orders',
    description: `Every message between the broker and Orders takes up to ${ms(REORDER_JITTER_MS)} longer, at random, so Orders hears about later steps before earlier ones.`,
    service: 'orders',
    network: { kind: 'reorder', between: ['broker', 'orders'], jitterMs: REORDER_JITTER_MS },
  },
  {
    id: FAULT.refundsFail,
    label: 'Refunds fail',
    description: `The payment provider rejects every refund. After ${MAX_ATTEMPTS} attempts Payments parks the refund in the dead-letter topic, and the saga waits there until someone redrives it.`,
    service: 'payments',
  },
  ...(Object.entries(PARTITION) as [Participant, string][]).map(([service, id]): FaultDefinition => ({
    id,
    label: `Partition between the broker and ${title(service)}`,
    description: `Every message between the broker and ${title(service)} is lost, both ways. After ${MAX_UNANSWERED} unanswered deliveries the broker stops and waits; both sides retry every ${ms(RECONNECT_MS)}, and once the network heals ${title(service)} resumes from its stored position and publishes what its outbox kept.`,
    service,
    network: { kind: 'partition', between: ['broker', service] },
  })),
];
