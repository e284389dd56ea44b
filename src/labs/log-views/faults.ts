/** The faults a reader can inject: two kinds of odd event in the log, a crashing consumer, redelivered batches. */
import type { Faults } from '../kit/define-lab.ts';
import type { LogViews } from './messages.ts';

export const faults: Faults<LogViews> = {
  'old-release': {
    label: 'Old release writes orders',
    description:
      'One instance of the order service still runs the first release, which writes an order as {"amount": "12.50", "text": …} instead of {"cents": 1250, "description": …}. The log keeps it as written; every view reads it through the upcaster.',
    service: 'orders',
  },
  'poison-order': {
    label: 'Poison event: an order without an amount',
    description:
      'A buggy release writes orders with no amount at all. No upcaster can repair that: each view parks the event in its dead_letters, moves its checkpoint past it, and carries on.',
    service: 'orders',
  },
  'search-crash': {
    label: 'Search consumer crashes',
    description:
      'The search view crashes when a batch reaches it, before applying any of it. Restart it: it knows nothing but its checkpoint, fetches from there, and loses nothing.',
    service: 'search',
  },
  'duplicate-batches': {
    label: 'Batches delivered twice (to reporting)',
    description:
      'Every message between the log and the reporting view arrives twice, as after a retry. A view that applies only events past its checkpoint ignores the second copy.',
    service: 'reporting',
    network: { kind: 'duplicate', between: ['orders', 'reporting'] },
  },
};
