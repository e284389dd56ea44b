/** The faults a reader can inject: a copy's owner unreachable or slow during an erasure, and a copy nobody declared. */
import type { Faults } from '../kit/define-lab.ts';
import type { PersonalData } from './messages.ts';
import { SLOW_DELAY_MS } from './settings.ts';

export const faults: Faults<PersonalData> = {
  'analytics-down': {
    label: 'Analytics down',
    description:
      'The analytics store is unreachable: announcements and erasures sent to it are lost, and the customer service asks again, with backoff, until analytics confirms.',
    service: 'analytics',
    network: { kind: 'partition', between: ['customers', 'analytics'] },
  },
  'analytics-slow': {
    label: `Analytics ${(SLOW_DELAY_MS / 1000).toLocaleString('en')} s behind`,
    description: `Everything the customer service sends to analytics arrives ${(SLOW_DELAY_MS / 1000).toLocaleString('en')} s late, as a consumer with a backlog would take it.`,
    service: 'analytics',
    network: { kind: 'delay', between: ['customers', 'analytics'], delayMs: SLOW_DELAY_MS },
  },
  'undeclared-copy': {
    label: 'A team copies customers without telling anyone',
    description:
      'From now on analytics also writes every new customer into campaign_audience, a table no catalog entry lists. Erasures never name it; a scan of the copies finds it.',
    service: 'analytics',
  },
};
