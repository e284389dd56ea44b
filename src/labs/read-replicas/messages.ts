/**
 * What the browsers, the router, the leader and the followers say to each other, and the lab's types in one
 * place. A browser talks only to the router; the router picks who answers a read, by the routing policy.
 */
import type { LabTypes } from '../kit/define-lab.ts';
import type { FollowerName, ReplicaName, User } from './settings.ts';

/** The routing policies, from weakest to strongest; each row of the chapter's table is one of them. */
export const POLICIES = ['any', 'bounded', 'sticky', 'token', 'leader'] as const;
export type Policy = (typeof POLICIES)[number];

export const POLICY_LABELS: Readonly<Record<Policy, string>> = {
  any: 'Any follower',
  bounded: 'Any follower, refuse past the lag bound',
  sticky: 'Sticky session',
  token: 'Wait for my position',
  leader: 'Leader only',
};

/** What a browser asks to read: the whole thread, or one comment (the one a reply answers). */
export type Query = { readonly kind: 'thread' } | { readonly kind: 'comment'; readonly id: number };

export interface CommentRow {
  readonly id: number;
  readonly parentId: number | null;
  readonly author: string;
}

/** One committed comment as the change log carries it to the followers. */
export interface LogEntry {
  readonly lsn: number;
  readonly commentId: number;
  readonly parentId: number | null;
  readonly author: string;
  readonly body: string;
  readonly postedAt: number;
}

// The reader's scenarios, and the browsers' own clock for the workload.
export type Post = { readonly type: 'post'; readonly user: User };
export type Reply = { readonly type: 'reply'; readonly user: User };
export type Reload = { readonly type: 'reload'; readonly user: User; readonly times: number };
export type OpenNewestReply = { readonly type: 'open-newest-reply'; readonly user: User };
export type Workload = { readonly type: 'workload'; readonly size: number };
export type Scenario = Post | Reply | Reload | OpenNewestReply;

// Browser <-> router.
export type WriteRequest = {
  readonly type: 'write';
  readonly requestId: string;
  readonly user: User;
  readonly parentId: number | null;
  readonly body: string;
};
export type ReadRequest = {
  readonly type: 'read';
  readonly requestId: string;
  readonly user: User;
  readonly query: Query;
  /** The position of this session's newest acknowledged write, as a session cookie would carry it. */
  readonly lastWrite: number;
  /** The highest log position this session has written or read: what "wait for my position" waits for. */
  readonly token: number;
};
export type WriteDone = {
  readonly type: 'write-done';
  readonly requestId: string;
  readonly commentId: number;
  readonly lsn: number;
  readonly committedAt: number;
};
export type ReadDone = {
  readonly type: 'read-done';
  readonly requestId: string;
  readonly rows: readonly CommentRow[];
  readonly position: number;
  readonly servedBy: ReplicaName;
  /** How far behind the leader the answer was, as far as the router knows: 0 when it missed nothing. */
  readonly staleMs: number;
  readonly policy: Policy;
};
export type ReadRefused = { readonly type: 'read-refused'; readonly requestId: string; readonly policy: Policy; readonly reason: string };
export type SetPolicy = { readonly type: 'set-policy'; readonly policy: Policy };

// Router <-> leader and followers.
export type InsertComment = {
  readonly type: 'insert-comment';
  readonly requestId: string;
  readonly user: User;
  readonly parentId: number | null;
  readonly body: string;
};
export type ReplicaRead = {
  readonly type: 'replica-read';
  readonly requestId: string;
  readonly query: Query;
  /** Answer only once this position is replayed (0: answer at once). */
  readonly atLeast: number;
};
export type ReplicaAnswer = {
  readonly type: 'replica-answer';
  readonly requestId: string;
  readonly rows: readonly CommentRow[];
  readonly position: number;
  readonly servedBy: ReplicaName;
};
/** A follower gave up waiting for a position: the router sends the read to the leader instead. */
export type TooFarBehind = { readonly type: 'too-far-behind'; readonly requestId: string; readonly follower: FollowerName };

// Leader <-> followers: the change log.
export type Ship = { readonly type: 'ship'; readonly entries: readonly LogEntry[] };
export type Received = { readonly type: 'received'; readonly follower: FollowerName; readonly receivedLsn: number };
export type Replayed = { readonly type: 'replayed'; readonly follower: FollowerName; readonly replayedLsn: number };
export type Reship = { readonly type: 'reship' };
export type ReplayDue = { readonly type: 'replay-due' };
export type GiveUp = { readonly type: 'give-up'; readonly requestId: string };

export type FaultId = 'follower-1-slow' | 'follower-2-slow' | 'partition-follower-2' | 'duplicate-shipments' | 'reorder-shipments';

/** What a browser felt on one read; each flag is judged against what that session had written and seen. */
export interface Anomalies {
  /** A comment this session had posted (and seen acknowledged) was missing. */
  readonly readYourWrites: boolean;
  /** A comment this session had already seen was missing. */
  readonly monotonic: boolean;
  /** A reply was shown, or had been seen, without the comment it answers. */
  readonly causal: boolean;
}

export type ReadFact = {
  readonly kind: 'read';
  readonly user: User;
  readonly requestId: string;
  readonly query: Query['kind'];
  readonly policy: Policy;
  readonly outcome: 'served' | 'refused';
  readonly servedBy: ReplicaName | null;
  readonly position: number | null;
  readonly staleMs: number;
  readonly latencyMs: number;
  readonly anomalies: Anomalies;
};

export type LabFact =
  | ReadFact
  | { readonly kind: 'wrote'; readonly user: User; readonly commentId: number; readonly lsn: number; readonly latencyMs: number }
  | { readonly kind: 'committed'; readonly lsn: number }
  | { readonly kind: 'replayed'; readonly follower: FollowerName; readonly lsns: readonly number[] };

export interface ReadReplicas extends LabTypes {
  readonly inbox: {
    readonly browsers: Scenario | Workload | WriteDone | ReadDone | ReadRefused;
    readonly router: WriteRequest | ReadRequest | WriteDone | ReplicaAnswer | TooFarBehind | SetPolicy;
    readonly leader: InsertComment | ReplicaRead | Received | Replayed | Reship;
    readonly 'follower-1': Ship | ReplicaRead | ReplayDue | GiveUp;
    readonly 'follower-2': Ship | ReplicaRead | ReplayDue | GiveUp;
  };
  readonly faults: FaultId;
  readonly facts: LabFact;
}
