/** The faults a reader can inject, as data: the UI lists them and the tests draw them at random. */
import type { FaultDefinition } from '../sim/types.ts';
import type { PatternId } from './patterns.ts';
import { SLOW_NETWORK_MS, SYNC_INTERVAL_LONG_MS, SYNC_INTERVAL_SHORT_MS } from './settings.ts';

export const FAULT = {
  customersDownAll: 'customers-down',
  customersDownSync: 'sync-customers-down',
  customersDownRequest: 'rq-customers-down',
  customersDownEvents: 'ev-customers-down',
  slowRequest: 'rq-slow-network',
  slowEvents: 'ev-slow-network',
  duplicateDelivery: 'duplicate-delivery',
  syncShort: 'sync-interval-short',
  syncLong: 'sync-interval-long',
  relayCrash: 'ev-tickets-crash-before-relay',
} as const;

const DOWN_FAULT: Readonly<Record<PatternId, string>> = {
  sync: FAULT.customersDownSync,
  request: FAULT.customersDownRequest,
  events: FAULT.customersDownEvents,
};

/** True while the customer side of `pattern` is meant to be down, by its own fault or the one for all. */
export function customersDown(isFaultOn: (id: string) => boolean, pattern: PatternId): boolean {
  return isFaultOn(FAULT.customersDownAll) || isFaultOn(DOWN_FAULT[pattern]);
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const faults: readonly FaultDefinition[] = [
  {
    id: FAULT.customersDownAll,
    label: 'Customer side down (all three patterns)',
    description:
      'Pattern 1: the customers schema cannot be reached, so each sync run fails. Patterns 2 and 3: the Customer service crashes on the next message it gets and stays down until you restart it.',
  },
  {
    id: FAULT.customersDownSync,
    label: 'Customers schema unreachable (pattern 1)',
    description: 'Every sync run fails to reach the customers schema and tries again at the next tick.',
    service: 'sync-shared',
  },
  {
    id: FAULT.customersDownRequest,
    label: 'Customer service crashes (pattern 2)',
    description: 'The Customer service of pattern 2 crashes on the next call it gets, until you restart it.',
    service: 'rq-customers',
  },
  {
    id: FAULT.customersDownEvents,
    label: 'Customer service crashes (pattern 3)',
    description: 'The Customer service of pattern 3 crashes on the next event it gets, until you restart it.',
    service: 'ev-customers',
  },
  {
    id: FAULT.slowRequest,
    label: 'Slow network (pattern 2)',
    description: `Adds ${ms(SLOW_NETWORK_MS)} each way between the ticket service and the Customer service: answers come after the first timeout.`,
    service: 'rq-customers',
    network: { kind: 'delay', between: ['rq-tickets', 'rq-customers'], delayMs: SLOW_NETWORK_MS },
  },
  {
    id: FAULT.slowEvents,
    label: 'Slow network (pattern 3)',
    description: `Adds ${ms(SLOW_NETWORK_MS)} each way between the broker and the Customer service: acknowledgements come too late and the broker delivers again.`,
    service: 'ev-customers',
    network: { kind: 'delay', between: ['broker', 'ev-customers'], delayMs: SLOW_NETWORK_MS },
  },
  {
    id: FAULT.duplicateDelivery,
    label: 'Duplicate delivery (pattern 3)',
    description: 'The broker stores every ticket event twice, as a producer retrying after a lost confirmation would.',
    service: 'broker',
  },
  {
    id: FAULT.syncShort,
    label: `Sync every ${ms(SYNC_INTERVAL_SHORT_MS)} (pattern 1)`,
    description: 'The sync job runs four times as often: a shorter window, four times the reads of both schemas.',
    service: 'sync-shared',
  },
  {
    id: FAULT.syncLong,
    label: `Sync every ${ms(SYNC_INTERVAL_LONG_MS)} (pattern 1)`,
    description: 'The sync job runs four times less often: counts stay wrong for longer.',
    service: 'sync-shared',
  },
  {
    id: FAULT.relayCrash,
    label: 'Ticket service crashes before its relay publishes (pattern 3)',
    description: 'The ticket service of pattern 3 dies right after committing a ticket and its outbox row, before publishing.',
    service: 'ev-tickets',
  },
];
