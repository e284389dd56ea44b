/** The lab's clocks, bounds and cast, in one place so the chapter and the tests read the same numbers. */

export const FOLLOWERS = ['follower-1', 'follower-2'] as const;
export type FollowerName = (typeof FOLLOWERS)[number];
export type ReplicaName = FollowerName | 'leader';

/**
 * How long each follower waits before replaying what it received: its own lag, the way Postgres's
 * `recovery_min_apply_delay` holds a standby back. Follower 2 is the slower one from the start.
 */
export const REPLAY_DELAY_MS: Readonly<Record<FollowerName, number>> = { 'follower-1': 150, 'follower-2': 600 };
/** What a "replays late" fault adds to a follower's delay. */
export const SLOW_REPLAY_EXTRA_MS = 2_000;

/** The leader ships again what a follower has not confirmed receiving: first after this long, then doubling. */
export const RESHIP_FIRST_MS = 500;
export const RESHIP_MAX_MS = 2_000;

/** A follower holds a read that asks for a position it has not replayed yet at most this long. */
export const TOKEN_WAIT_MS = 1_000;
/** The "bounded" policy refuses an answer from a follower that is more than this far behind the leader. */
export const LAG_BOUND_MS = 1_000;

/** The people in the comment thread and what each does in the lab. */
export const USERS = ['alice', 'bob', 'carol'] as const;
export type User = (typeof USERS)[number];
export const NAMES: Readonly<Record<User, string>> = { alice: 'Alice', bob: 'Bob', carol: 'Carol' };

/** The comment every database starts with, replicated before the lab begins (position 1). */
export const FIRST_COMMENT = { id: 101, lsn: 1, author: 'dana', body: 'Which consistency does a comment thread need?' } as const;

/** The workload: how many scenarios, the gap between two starts, and how often each scenario is drawn. */
export const WORKLOAD_SIZE = 24;
export const WORKLOAD_GAP_MS = { min: 150, max: 450 } as const;
