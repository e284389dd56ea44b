/** The faults a reader can inject, as data: the UI lists them and the tests draw them at random. */
import type { FaultDefinition } from '../sim/types.ts';
import { ACK_TIMEOUT_MS, MAX_ATTEMPTS, REORDER_JITTER_MS, SLOW_PAYMENTS_MS, STEP_DEADLINE_MS } from './settings.ts';

export const FAULT = {
  idempotencyOff: 'idempotency-off',
  paymentDeclined: 'payment-declined',
  outOfStock: 'out-of-stock',
  shippingRefuses: 'shipping-refuses',
  paymentsCrashBeforeCommit: 'payments-crash-before-commit',
  paymentsCrashAfterCommit: 'payments-crash-after-commit',
  orchestratorCrashAfterLog: 'orchestrator-crash-after-log',
  paymentsSlow: 'payments-slow',
  duplicateDelivery: 'duplicate-delivery',
  outOfOrder: 'out-of-order',
  refundsFail: 'refunds-fail',
} as const;

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

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
];
