/** The faults a reader can inject: an old release still writing, a slow step between load and append, a crashing projector. */
import type { Faults } from '../kit/define-lab.ts';
import type { EventSourcing } from './messages.ts';
import { RESTART_DELAY_MS, RISK_CHECK_MS, RISK_CHECK_SLOW_MS } from './settings.ts';

export const faults: Faults<EventSourcing> = {
  'old-release': {
    label: 'Old release writes deposits',
    description:
      'One instance of the account service still runs the first release, which writes a deposit as {"amount": "12.50"} instead of {"cents": 1250}. The events are stored as written, forever: every reader must upcast them.',
    service: 'accounts',
  },
  'slow-risk-check': {
    label: `Slow risk check: ${RISK_CHECK_SLOW_MS} ms`,
    description: `The risk check between loading an account and appending to it takes ${RISK_CHECK_SLOW_MS} ms instead of ${RISK_CHECK_MS} ms, so more commands for the same account are decided on the same version, and more of them conflict.`,
    service: 'accounts',
  },
  'projector-crash': {
    label: 'Projector crashes',
    description: `The projector crashes whenever a batch reaches it, losing the batch; its supervisor restarts it every ${RESTART_DELAY_MS} ms. Commands go on being decided and appended: the event store does not need the projections.`,
    service: 'projector',
  },
};
