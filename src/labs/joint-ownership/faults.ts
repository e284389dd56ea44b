import type { FaultDefinition } from '../sim/types.ts';
import { ASSIGNMENT, CLIENT, TICKET, TICKET_DB } from './techniques.ts';

export const FAULT = {
  ticketDown: 'ticket-down',
  assignmentDown: 'assignment-down',
  duplicateRequests: 'duplicate-requests',
  noVersionCheck: 'no-version-check',
} as const;

export const faults: readonly FaultDefinition[] = [
  {
    id: FAULT.ticketDown,
    label: 'Ticket crashes',
    description:
      'Ticket crashes at the next message it receives, and so does Ticket management, which runs the same code since the consolidation. Restart them once the fault is off.',
    service: TICKET,
  },
  {
    id: FAULT.assignmentDown,
    label: 'Assignment crashes',
    description:
      'Assignment crashes at the next message it receives, and so does Ticket management, which runs the assignment code too. Restart them once the fault is off.',
    service: ASSIGNMENT,
  },
  {
    id: FAULT.duplicateRequests,
    label: 'Duplicate requests',
    description:
      'The client sends every request twice, as a client does that retries after a lost answer. A request must not take effect twice.',
    service: CLIENT,
  },
  {
    id: FAULT.noVersionCheck,
    label: 'Data domain without version check',
    description:
      'Under the data-domain technique, Ticket and Assignment save the whole shared row without checking its version, so a save based on a stale read puts back what the other service changed.',
    service: TICKET_DB,
  },
];
