/** The faults a reader can inject. Both hit the analytical side, to show what they do (and do not do) to the operational one. */
import type { Faults } from '../kit/define-lab.ts';
import { ANALYTICS, type ReportContention } from './messages.ts';

export const faults: Faults<ReportContention> = {
  'copy-job-stopped': {
    label: 'Copy job stopped',
    description:
      'The copy job skips its passes. The analytics store keeps answering reports, from data that grows older with every ticket change.',
    service: ANALYTICS,
  },
  'analytics-crashes': {
    label: 'Analytics store crashes',
    description:
      'The analytics service crashes at its next copy tick. Reports sent to it are lost until you restart it; it then catches up from the watermark it keeps in its own database.',
    service: ANALYTICS,
  },
};
