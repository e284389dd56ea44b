/**
 * A stream of change events as a real pipeline may deliver it: cut into batches, some batches delivered
 * twice, and some held back until after the batch that follows them, so that an older version of a
 * customer can arrive after a newer one. Seeded, so that a check and its test see the same stream.
 */
import { SeededRandom } from '../sim/random.ts';
import type { ChangeEvent } from './messages.ts';

export function unrulyStream(events: readonly ChangeEvent[], seed: number): ChangeEvent[][] {
  const random = new SeededRandom(seed);
  const batches: ChangeEvent[][] = [];
  for (let i = 0; i < events.length;) {
    const size = 1 + random.int(3);
    batches.push(events.slice(i, i + size));
    i += size;
  }
  const delivered: ChangeEvent[][] = [];
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i] ?? [];
    const next = batches[i + 1];
    // One batch in three is overtaken by the next one.
    if (next && random.next() < 1 / 3) {
      delivered.push(next, batch);
      i++;
    } else delivered.push(batch);
  }
  // One batch in four arrives a second time, a few batches later, as a redelivery after a timeout does.
  for (let i = delivered.length - 1; i >= 0; i--) {
    const batch = delivered[i];
    if (batch && random.next() < 1 / 4) delivered.splice(Math.min(delivered.length, i + 2 + random.int(5)), 0, batch);
  }
  return delivered;
}

/** True when some customer's older version arrives after a newer one: the case a last-writer-wins apply gets wrong. */
export function hasOvertaking(stream: readonly (readonly ChangeEvent[])[]): boolean {
  const newest = new Map<string, number>();
  for (const event of stream.flat()) {
    if ((newest.get(event.customerId) ?? 0) > event.version) return true;
    newest.set(event.customerId, Math.max(newest.get(event.customerId) ?? 0, event.version));
  }
  return false;
}
