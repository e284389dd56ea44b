/**
 * What the router, the shards and the regions say to each other, and the lab's types in one place. The reader's
 * actions reach the router (tickets, queries, moves, resharding) or a region (writes in the multi-leader run).
 */
import type { LabTypes } from '../kit/define-lab.ts';
import type { Hashing, Placement, ShardKey } from './placement.ts';
import type { Home, RegionName, ShardName, Tenant } from './settings.ts';

/** A ticket as a shard stores it. */
export interface TicketRow {
  readonly id: number;
  readonly tenant: string;
  readonly customer: string;
  readonly home: string;
  readonly title: string;
}

/** What a query asks every shard it reaches; each answers with the rows it holds that match. */
export type ShardQuery =
  | { readonly kind: 'customer-tickets'; readonly customer: string }
  | { readonly kind: 'region-report'; readonly home: Home }
  | { readonly kind: 'tenant-tickets'; readonly tenant: string };

// The reader's inputs to the router.
export type RunWorkload = { readonly type: 'workload' };
export type NextItem = { readonly type: 'next-item'; readonly index: number };
export type SetKey = { readonly type: 'set-key'; readonly key: ShardKey };
export type SetHashing = { readonly type: 'set-hashing'; readonly hashing: Hashing };
export type AddShard = { readonly type: 'add-shard' };
export type MoveTicket = { readonly type: 'move-ticket'; readonly to: Tenant };
export type SetConflicts = { readonly type: 'set-conflicts'; readonly mode: ConflictMode };

// Router <-> shards.
export type Insert = { readonly type: 'insert'; readonly request: string; readonly row: TicketRow };
export type Inserted = { readonly type: 'inserted'; readonly request: string; readonly id: number; readonly shard: ShardName };
export type Remove = { readonly type: 'remove'; readonly request: string; readonly id: number };
export type Removed = { readonly type: 'removed'; readonly request: string; readonly id: number; readonly shard: ShardName };
export type Ask = { readonly type: 'ask'; readonly request: string; readonly query: ShardQuery };
export type Answer = { readonly type: 'answer'; readonly request: string; readonly shard: ShardName; readonly ids: readonly number[] };
export type Timeout = { readonly type: 'timeout'; readonly request: string };
export type Retry = { readonly type: 'retry'; readonly request: string; readonly attempt: number };
export type Rebalance = { readonly type: 'rebalance'; readonly placement: Placement };
export type Rebalanced = { readonly type: 'rebalanced'; readonly shard: ShardName; readonly movedOut: number };

// Shard <-> shard while resharding.
export type TakeRows = { readonly type: 'take-rows'; readonly from: ShardName; readonly rows: readonly TicketRow[] };
export type TookRows = { readonly type: 'took-rows'; readonly by: ShardName; readonly ids: readonly number[] };
export type Resend = { readonly type: 'resend' };
/** A shard's answer comes back to it after its own service time, then leaves for the router. */
export type Reply = { readonly type: 'reply'; readonly answer: Answer | Inserted | Removed };

// The multi-leader run: reader -> region, region <-> region.
export const CONFLICT_MODES = ['lww', 'merge'] as const;
export type ConflictMode = (typeof CONFLICT_MODES)[number];
export type AddTag = { readonly type: 'add-tag'; readonly tag: string };
export type Reopen = { readonly type: 'reopen' };
export type UseConflicts = { readonly type: 'use-conflicts'; readonly mode: ConflictMode };
/** A region's whole state for the shared ticket, sent until the other region acknowledges it. */
export interface RegionState {
  /** The merge's tag set. */
  readonly tags: readonly string[];
  /** The row's tags, as last-write-wins ships the row. */
  readonly rowTags: string;
  readonly reopened: number;
  readonly writtenAt: number;
  readonly writtenIn: RegionName;
  /** Reopens per region: the counter a merge adds up. */
  readonly reopens: Readonly<Record<string, number>>;
}
export type Replicate = { readonly type: 'replicate'; readonly version: number; readonly state: RegionState };
export type Replicated = { readonly type: 'replicated'; readonly version: number };
export type SyncDue = { readonly type: 'sync-due' };

export type FaultId = 'shard-2-down' | 'shard-3-down' | 'partition-regions';

export type QueryFact = {
  readonly kind: 'query';
  readonly request: string;
  readonly query: ShardQuery['kind'];
  readonly key: ShardKey;
  readonly scope: 'single' | 'scatter';
  readonly shards: number;
  readonly outcome: 'ok' | 'failed';
  readonly latencyMs: number;
};

export type LabFact =
  | QueryFact
  | { readonly kind: 'handled'; readonly shard: ShardName; readonly what: 'insert' | 'read' | 'remove' | 'take' }
  | { readonly kind: 'rows'; readonly shard: ShardName; readonly rows: number; readonly movedIn: number }
  | { readonly kind: 'write-failed'; readonly request: string; readonly shard: ShardName }
  | { readonly kind: 'resharded'; readonly hashing: Hashing; readonly key: ShardKey; readonly rows: number }
  | { readonly kind: 'accepted'; readonly region: RegionName; readonly change: string }
  | {
      readonly kind: 'region-state';
      readonly region: RegionName;
      readonly mode: ConflictMode;
      readonly tags: string;
      readonly reopened: number;
    };

export interface Sharding extends LabTypes {
  readonly inbox: {
    readonly router:
      | RunWorkload
      | NextItem
      | SetKey
      | SetHashing
      | AddShard
      | MoveTicket
      | SetConflicts
      | Inserted
      | Removed
      | Answer
      | Timeout
      | Retry
      | Rebalanced;
    readonly 'shard-1': ShardInbox;
    readonly 'shard-2': ShardInbox;
    readonly 'shard-3': ShardInbox;
    readonly 'shard-4': ShardInbox;
    readonly 'region-eu': RegionInbox;
    readonly 'region-us': RegionInbox;
  };
  readonly faults: FaultId;
  readonly facts: LabFact;
}

export type ShardInbox = Insert | Remove | Ask | Rebalance | TakeRows | TookRows | Resend | Reply;
export type RegionInbox = AddTag | Reopen | UseConflicts | Replicate | Replicated | SyncDue;
