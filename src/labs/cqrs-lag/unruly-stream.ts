/** The CQRS lab's hidden streams: batches of up to six orders' events, redelivered up to two dozen batches late. */
import { hasOvertaking as overtakes, unrulyStream as unruly } from '../kit/unruly-stream.ts';
import type { ChangeEvent } from './messages.ts';

export const unrulyStream = (events: readonly ChangeEvent[], seed: number) => unruly(events, seed, { maxBatch: 6, maxRedeliveryGap: 23 });

export const hasOvertaking = (stream: readonly (readonly ChangeEvent[])[]) => overtakes(stream, (event) => event.orderId);
