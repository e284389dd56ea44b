/** The faults a reader can inject; the first two are the projector's knobs, turned the bad way. */
import type { Faults } from '../kit/define-lab.ts';
import type { CqrsLag } from './messages.ts';
import {
  BATCH_INTERVAL_MS,
  BATCH_INTERVAL_RARE_MS,
  FETCH_TIMEOUT_MS,
  MAX_BATCH_ATTEMPTS,
  PER_EVENT_COST_MS,
  PER_EVENT_COST_SLOW_MS,
  RESTART_DELAY_MS,
} from './settings.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

/** Enough to overtake a fetch's timeout, so that answers to two fetches can arrive in either order. */
export const REORDER_JITTER_MS = 600;

export const faults: Faults<CqrsLag> = {
  'projector-slow': {
    label: `Slow projector: ${ms(PER_EVENT_COST_SLOW_MS)} per event`,
    description: `Each event costs the projector ${ms(PER_EVENT_COST_SLOW_MS)} instead of ${ms(PER_EVENT_COST_MS)}, as an expensive lookup per event would: its throughput drops below rush hour's pace.`,
    service: 'read-model',
  },
  'projector-rare': {
    label: `Rare batches: every ${ms(BATCH_INTERVAL_RARE_MS)}`,
    description: `After a batch that was not full, the projector waits ${ms(BATCH_INTERVAL_RARE_MS)} instead of ${ms(BATCH_INTERVAL_MS)} before it asks again.`,
    service: 'read-model',
  },
  'projector-crash': {
    label: 'Projector crashes',
    description: `The projector crashes the next time it works, losing the batch it holds; its supervisor restarts it every ${ms(RESTART_DELAY_MS)}, and it crashes again while the fault is on. Reads are still served, from an older and older read model.`,
    service: 'read-model',
  },
  'poison-event': {
    label: 'Poison event',
    description: `The order service writes each new order’s event with a null total. The read model refuses it (NOT NULL); the projector tries the batch ${MAX_BATCH_ATTEMPTS} times, stuck, then moves that event to dead_letters.`,
    service: 'orders',
  },
  'duplicate-batches': {
    label: 'Duplicate batches',
    description:
      'Every message between the order service and the projector arrives twice, as after a retry: the same batch is applied twice.',
    service: 'read-model',
    network: { kind: 'duplicate', between: ['orders', 'read-model'] },
  },
  'reorder-batches': {
    label: 'Reordered batches',
    description: `Messages between the order service and the projector take up to ${ms(REORDER_JITTER_MS)} longer, more than the fetch timeout of ${ms(FETCH_TIMEOUT_MS)}: the projector asks again, and an old batch can land after a newer one.`,
    service: 'read-model',
    network: { kind: 'reorder', between: ['orders', 'read-model'], jitterMs: REORDER_JITTER_MS },
  },
};
