/** The faults a reader can inject into the backup jobs. The damage itself is a reader's action, not a fault. */
import type { Faults } from '../kit/define-lab.ts';
import type { Backups } from './messages.ts';

export const faults: Faults<Backups> = {
  'dump-fails-silently': {
    label: 'Dump job fails silently',
    description:
      'Each orders dump arrives in the vault empty, yet the job records it as a success. Nothing notices until a restore, or a restore drill, reads it back.',
    service: 'vault',
  },
  'shipping-paused': {
    label: 'Log shipping paused',
    description:
      'The shipper copies nothing off the orders box while this is on; a point-in-time restore can only reach the last entry shipped before it.',
    service: 'vault',
  },
};
