/** The faults a reader can inject: one owning service slow, or down. */
import type { Faults } from '../kit/define-lab.ts';
import type { ApiComposition } from './messages.ts';
import { CALL_TIMEOUT_MS, PAYMENTS_SLOW_MS } from './settings.ts';

export const faults: Faults<ApiComposition> = {
  'payments-slow': {
    label: `Payments slow (+${PAYMENTS_SLOW_MS} ms)`,
    description: `Payments answers ${PAYMENTS_SLOW_MS} ms later than usual, still inside the composer’s ${CALL_TIMEOUT_MS} ms timeout: every page that needs it waits for the slowest call.`,
    service: 'payments',
  },
  'payments-down': {
    label: 'Payments down',
    description: `Payments answers nobody: the composer’s calls time out after ${CALL_TIMEOUT_MS} ms, and the projector’s fetches go unanswered, so the read model keeps serving the payment statuses it last had.`,
    service: 'payments',
  },
  'customers-down': {
    label: 'Customers down',
    description:
      'Customers answers nobody, and takes no renames: the composer has no names to show or to sort by; the read model still has the names it last had.',
    service: 'customers',
  },
};
