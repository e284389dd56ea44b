/** The faults a reader can inject, as data: the UI lists them and the tests draw them at random. */
import type { Faults } from '../kit/define-lab.ts';
import type { EventualConsistency, FaultId } from './messages.ts';
import type { PatternId } from './patterns.ts';
import { SLOW_NETWORK_MS, SYNC_INTERVAL_LONG_MS, SYNC_INTERVAL_SHORT_MS } from './settings.ts';

const DOWN_FAULT: Readonly<Record<PatternId, FaultId>> = {
  sync: 'sync-customers-down',
  request: 'rq-customers-down',
  events: 'ev-customers-down',
};

/** True while the customer side of `pattern` is meant to be down, by its own fault or the one for all. */
export function customersDown(isFaultOn: (id: FaultId) => boolean, pattern: PatternId): boolean {
  return isFaultOn('customers-down') || isFaultOn(DOWN_FAULT[pattern]);
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const faults: Faults<EventualConsistency> = {
  'customers-down': {
    label: 'Customer side down (all three patterns)',
    description:
      'Pattern 1: the customers schema cannot be reached, so each sync run fails. Patterns 2 and 3: the Customer service crashes on the next message it gets and stays down until you restart it.',
  },
  'sync-customers-down': {
    label: 'Customers schema unreachable (pattern 1)',
    description: 'Every sync run fails to reach the customers schema and tries again at the next tick.',
    service: 'sync-shared',
  },
  'rq-customers-down': {
    label: 'Customer service crashes (pattern 2)',
    description: 'The Customer service of pattern 2 crashes on the next call it gets, until you restart it.',
    service: 'rq-customers',
  },
  'ev-customers-down': {
    label: 'Customer service crashes (pattern 3)',
    description: 'The Customer service of pattern 3 crashes on the next event it gets, until you restart it.',
    service: 'ev-customers',
  },
  'rq-slow-network': {
    label: 'Slow network (pattern 2)',
    description: `Adds ${ms(SLOW_NETWORK_MS)} each way between the ticket service and the Customer service: answers come after the first timeout.`,
    service: 'rq-customers',
    network: { kind: 'delay', between: ['rq-tickets', 'rq-customers'], delayMs: SLOW_NETWORK_MS },
  },
  'ev-slow-network': {
    label: 'Slow network (pattern 3)',
    description: `Adds ${ms(SLOW_NETWORK_MS)} each way between the broker and the Customer service: acknowledgements come too late and the broker delivers again.`,
    service: 'ev-customers',
    network: { kind: 'delay', between: ['broker', 'ev-customers'], delayMs: SLOW_NETWORK_MS },
  },
  'duplicate-delivery': {
    label: 'Duplicate delivery (pattern 3)',
    description: 'The broker stores every ticket event twice, as a producer retrying after a lost confirmation would.',
    service: 'broker',
  },
  'sync-interval-short': {
    label: `Sync every ${ms(SYNC_INTERVAL_SHORT_MS)} (pattern 1)`,
    description: 'The sync job runs four times as often: a shorter window, four times the reads of both schemas.',
    service: 'sync-shared',
  },
  'sync-interval-long': {
    label: `Sync every ${ms(SYNC_INTERVAL_LONG_MS)} (pattern 1)`,
    description: 'The sync job runs four times less often: counts stay wrong for longer.',
    service: 'sync-shared',
  },
  'ev-tickets-crash-before-relay': {
    label: 'Ticket service crashes before its relay publishes (pattern 3)',
    description: 'The ticket service of pattern 3 dies right after committing a ticket and its outbox row, before publishing.',
    service: 'ev-tickets',
  },
};
