/** The read-paths lab's hidden streams: batches of up to three customers' changes, redelivered a few batches late. */
import { hasOvertaking as overtakes, unrulyStream as unruly } from '../kit/unruly-stream.ts';
import type { ChangeEvent } from './messages.ts';

export const unrulyStream = (events: readonly ChangeEvent[], seed: number) => unruly(events, seed, { maxBatch: 3, maxRedeliveryGap: 5 });

export const hasOvertaking = (stream: readonly (readonly ChangeEvent[])[]) => overtakes(stream, (event) => event.customerId);
