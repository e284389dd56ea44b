import type { Faults } from '../kit/define-lab.ts';
import type { Sharding } from './messages.ts';
import { SHARD_TIMEOUT_MS } from './settings.ts';

export const faults: Faults<Sharding> = {
  'shard-2-down': {
    label: 'Shard 2 is down',
    description: `Shard 2 drops every request and answers nothing. The router gives up on a query after ${SHARD_TIMEOUT_MS} ms and repeats a write until the shard is back.`,
    service: 'shard-2',
  },
  'shard-3-down': {
    label: 'Shard 3 is down',
    description: `Shard 3 drops every request and answers nothing. The router gives up on a query after ${SHARD_TIMEOUT_MS} ms and repeats a write until the shard is back.`,
    service: 'shard-3',
  },
  'partition-regions': {
    label: 'Partition: EU and US cut off from each other',
    description:
      'No message passes between the two regions. Each keeps accepting writes from its own users and keeps trying to send its state across.',
    service: 'region-us',
    network: { kind: 'partition', between: ['region-eu', 'region-us'] },
  },
};
