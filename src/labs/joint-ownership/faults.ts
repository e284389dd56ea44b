import type { Faults } from '../kit/define-lab.ts';
import type { JointOwnership } from './messages.ts';

export const faults: Faults<JointOwnership> = {
  'ticket-down': {
    label: 'Ticket crashes',
    description:
      'Ticket crashes at the next message it receives, and so does Ticket management, which runs the same code since the consolidation. Restart them once the fault is off.',
    service: 'ticket',
  },
  'assignment-down': {
    label: 'Assignment crashes',
    description:
      'Assignment crashes at the next message it receives, and so does Ticket management, which runs the assignment code too. Restart them once the fault is off.',
    service: 'assignment',
  },
  'duplicate-requests': {
    label: 'Duplicate requests',
    description:
      'The client sends every request twice, as a client does that retries after a lost answer. A request must not take effect twice.',
    service: 'client',
  },
  'no-version-check': {
    label: 'Data domain without version check',
    description:
      'Under the data-domain technique, Ticket and Assignment save the whole shared row without checking its version, so a save based on a stale read puts back what the other service changed.',
    service: 'ticket-db',
  },
};
