/** The faults a reader can inject: more overlap, and clients that give up at the first conflict. */
import type { Faults } from '../kit/define-lab.ts';
import type { Isolation } from './messages.ts';

export const faults: Faults<Isolation> = {
  rush: {
    label: 'Rush: every request overlaps another',
    description:
      'Each request of the next workload arrives while another booking is still open, instead of one in two: twice the chances to lose an update or sell the last seat twice.',
    service: 'travellers',
  },
  'no-retries': {
    label: 'Clients give up at the first conflict',
    description:
      'A booking that meets a conflict (40001, 23505, a version that moved) is not tried again: the customer is told it failed, though a seat may be free.',
    service: 'booking',
  },
};
