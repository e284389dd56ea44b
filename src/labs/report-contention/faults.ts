/** The faults a reader can inject. Both hit the analytical side, to show what they do (and do not do) to the operational one. */
import type { FaultDefinition } from '../sim/types.ts';
import { ANALYTICS } from './messages.ts';

export const FAULT = {
  copyStopped: 'copy-job-stopped',
  crash: 'analytics-crashes',
} as const;

export const faults: readonly FaultDefinition[] = [
  {
    id: FAULT.copyStopped,
    label: 'Copy job stopped',
    description:
      'The copy job skips its passes. The analytics store keeps answering reports, from data that grows older with every ticket change.',
    service: ANALYTICS,
  },
  {
    id: FAULT.crash,
    label: 'Analytics store crashes',
    description:
      'The analytics service crashes at its next copy tick. Reports sent to it are lost until you restart it; it then catches up from the watermark it keeps in its own database.',
    service: ANALYTICS,
  },
];
