import type { Faults } from '../kit/define-lab.ts';
import type { CachePatterns } from './messages.ts';
import { FILL_PAUSE_MS, FLUSH_INTERVAL_MS } from './settings.ts';

export const faults: Faults<CachePatterns> = {
  'fill-pause': {
    label: 'Fills pause',
    description: `After reading a missed product from Postgres, the product service waits ${FILL_PAUSE_MS} ms before it fills the cache, as a garbage-collection pause or a slow network would make it. A write that lands in that window is the cache-aside race.`,
    service: 'app',
  },
  'cache-crash': {
    label: 'Cache crashes',
    description: `At its next flush (every ${FLUSH_INTERVAL_MS} ms under write-back) the cache process dies and restarts empty. Writes it had acknowledged and not yet handed to Postgres are gone; the lab lists them in lost_writes.`,
    service: 'cache',
  },
};
