/** The faults a reader can inject: late events, a bug in one of Lambda's two paths, a crashing job, redelivery. */
import type { Faults } from '../kit/define-lab.ts';
import type { FeedsLab } from './messages.ts';
import { LATE_SYNC_MS, RESTART_DELAY_MS } from './settings.ts';

export const faults: Faults<FeedsLab> = {
  'late-events': {
    label: 'Late events: field agents sync offline closures',
    description: `One closure in three is made on a laptop without a network and reaches the ticket service ${LATE_SYNC_MS} ms later. It counts in the day it happened; when that day is over by the time it arrives, a stream job sees it after its window has closed.`,
    service: 'desk',
  },
  'speed-layer-bug': {
    label: 'Bug in Lambda’s stream counters',
    description:
      'The speed layer counts each closure on the day its ticket was opened. The batch path, written separately, counts it on the day it was closed: two code paths that should agree, and do not.',
    service: 'analytics',
  },
  'stream-crash': {
    label: 'Stream job crashes',
    description: `The stream job crashes after each batch it applies; its supervisor restarts it after ${RESTART_DELAY_MS} ms and it resumes from the offset it committed.`,
    service: 'analytics',
  },
  redelivery: {
    label: 'Redelivery',
    description:
      'Every message between the ticket service and the analytics store arrives twice, as after a retry: the stream job is handed the same changes again.',
    service: 'analytics',
    network: { kind: 'duplicate', between: ['tickets', 'analytics'] },
  },
};
