import type { Faults } from '../kit/define-lab.ts';
import type { ReadReplicas } from './messages.ts';
import { REPLAY_DELAY_MS, SLOW_REPLAY_EXTRA_MS } from './settings.ts';

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en')} s`;

export const REORDER_JITTER_MS = 400;

export const faults: Faults<ReadReplicas> = {
  'follower-1-slow': {
    label: 'Follower 1 replays late',
    description: `Follower 1 waits ${seconds(REPLAY_DELAY_MS['follower-1'] + SLOW_REPLAY_EXTRA_MS)} instead of ${seconds(REPLAY_DELAY_MS['follower-1'])} before replaying what it received, as a busy replica does.`,
    service: 'follower-1',
  },
  'follower-2-slow': {
    label: 'Follower 2 replays late',
    description: `Follower 2 waits ${seconds(REPLAY_DELAY_MS['follower-2'] + SLOW_REPLAY_EXTRA_MS)} instead of ${seconds(REPLAY_DELAY_MS['follower-2'])} before replaying what it received.`,
    service: 'follower-2',
  },
  'partition-follower-2': {
    label: 'Partition: follower 2 cut off from the leader',
    description:
      'No change-log entry reaches follower 2 until the partition heals. The router can still reach it, so it keeps answering reads, from an ever older position, unless the policy refuses them.',
    service: 'follower-2',
    network: { kind: 'partition', between: ['leader', 'follower-2'] },
  },
  'duplicate-shipments': {
    label: 'Log shipped twice to follower 1',
    description: 'Every shipment from the leader reaches follower 1 twice. Its received_log keeps one copy of each entry.',
    service: 'follower-1',
    network: { kind: 'duplicate', between: ['leader', 'follower-1'] },
  },
  'reorder-shipments': {
    label: 'Shipments overtake each other on the way to follower 2',
    description: `Up to ${REORDER_JITTER_MS} ms of extra, random delay on each shipment to follower 2, so a later entry can arrive first. Follower 2 waits for the gap to fill before it replays past it.`,
    service: 'follower-2',
    network: { kind: 'reorder', between: ['leader', 'follower-2'], jitterMs: REORDER_JITTER_MS },
  },
};
