/**
 * Which received entries a follower replays now: the one decision that keeps a replica a prefix of the
 * leader. Pure, so that the rule and its deliberately broken variant sit side by side.
 */

/**
 * `in-order`: the next position and the ones after it, without a gap, that are due. `as-received` is broken on
 * purpose, for the tests: it replays every due entry it has not replayed yet, so an entry that arrives late is
 * replayed after the ones that overtook it.
 */
export type ReplayOrder = 'in-order' | 'as-received';

export interface Received {
  readonly lsn: number;
  readonly receivedAt: number;
}

export interface ReplayPlan {
  /** Positions to replay now, in this order. */
  readonly lsns: readonly number[];
  /** When the next waiting entry becomes due, if one is only waiting for its delay. */
  readonly nextDueAt?: number;
}

/**
 * `waiting`: received entries not replayed yet, in lsn order. An entry is due once it has waited `delayMs`
 * since it arrived.
 */
export function planReplay(
  order: ReplayOrder,
  replayedLsn: number,
  waiting: readonly Received[],
  now: number,
  delayMs: number,
): ReplayPlan {
  const due = (e: Received) => e.receivedAt + delayMs <= now;
  if (order === 'as-received') {
    const lsns = waiting.filter(due).map((e) => e.lsn);
    const later = waiting.find((e) => !due(e));
    return later ? { lsns, nextDueAt: later.receivedAt + delayMs } : { lsns };
  }
  const lsns: number[] = [];
  let next = replayedLsn + 1;
  for (const entry of waiting) {
    if (entry.lsn !== next) break; // a gap: wait for the leader to ship the missing entry again
    if (!due(entry)) return { lsns, nextDueAt: entry.receivedAt + delayMs };
    lsns.push(entry.lsn);
    next++;
  }
  return { lsns };
}
