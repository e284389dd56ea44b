/** The faults a reader can inject: a rename that forgets the documents, a slow path to the key-value store, redelivery. */
import type { Faults } from '../kit/define-lab.ts';
import type { ShapesLab } from './messages.ts';
import { SLOW_SYNC_MS } from './settings.ts';

export const faults: Faults<ShapesLab> = {
  'rename-forgets-documents': {
    label: 'Bug: a rename forgets the documents',
    description:
      'The derived store applies a product rename to nothing: the documents keep the old name copied into every ticket. The search and vector shapes hold no product names, so only the documents go wrong.',
    service: 'derived',
  },
  'slow-kv-sync': {
    label: 'Slow path to the key-value store',
    description: `Every change takes ${SLOW_SYNC_MS} ms longer to reach the key-value store: until it lands, the key-value answers are the old ones.`,
    service: 'keyvalue',
    network: { kind: 'delay', between: ['relational', 'keyvalue'], delayMs: SLOW_SYNC_MS },
  },
  redelivery: {
    label: 'Redelivery to the derived store',
    description:
      'Every change reaches the derived store twice, as after a retry. A store that appended the ticket again would hold it twice.',
    service: 'derived',
    network: { kind: 'duplicate', between: ['relational', 'derived'] },
  },
};
