/** What the services of the read-paths lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/**
 * How the ticket service gets each customer's name and plan for a queue page: a call to Customers per
 * ticket, a call per ticket to Support profiles which calls Customers in turn (a chain of two hops), its
 * own replicated copy, a cache filled from calls (expired by TTL, or invalidated by change events), or a
 * join into Customers' schema in one shared database.
 */
export type Variant = 'call' | 'chain' | 'copy' | 'cache-ttl' | 'cache-events' | 'shared';

/** One ticket on a queue page, with what the read found about its customer (nothing, if it failed). */
export interface PageRow {
  readonly ticketId: string;
  readonly customerId: string;
  readonly name: string | null;
  readonly plan: string | null;
  readonly version: number | null;
}

/** A change event as Customers commits it to its outbox: the customer's name and plan as of `version`. */
export interface ChangeEvent {
  readonly position: number;
  readonly customerId: string;
  readonly version: number;
  readonly name: string;
  readonly plan: string;
}

export interface CustomerValue {
  readonly customerId: string;
  readonly name: string;
  readonly plan: string;
  readonly version: number;
}

// To the support desk (the agents' queue screens and the customers' own edits).
export type OpenQueue = { readonly type: 'open-queue' };
export type RunWorkload = { readonly type: 'run-workload' };
export type ReadLater = { readonly type: 'read-later' };
export type ChangeLater = { readonly type: 'change-later'; readonly customerId: string; readonly change: 'rename' | 'plan' };
export type QueuePage = {
  readonly type: 'queue-page';
  readonly readId: number;
  readonly variant: Variant;
  readonly rows: readonly PageRow[];
  /** Why some or all of the page could not be filled in. */
  readonly error?: string;
};

// To the ticket service.
export type UseVariant = { readonly type: 'use-variant'; readonly variant: Variant };
export type QueueRead = { readonly type: 'queue-read'; readonly readId: number; readonly page: number };
export type CustomerAnswer = { readonly type: 'customer'; readonly callId: number; readonly value: CustomerValue | null };
/** Support profiles' answer: the customer, or why the hop behind it failed (then the caller may try again). */
export type ProfileAnswer = {
  readonly type: 'profile';
  readonly callId: number;
  readonly attempt: number;
  readonly value: CustomerValue | null;
  readonly error?: string;
};
export type CallTimeout = { readonly type: 'call-timeout'; readonly callId: number; readonly attempt: number };
export type RetryCall = { readonly type: 'retry-call'; readonly callId: number };
export type SharedRows = {
  readonly type: 'shared-rows';
  readonly readId: number;
  readonly rows: readonly CustomerValue[];
  readonly error?: string;
};
export type SharedTimeout = { readonly type: 'shared-timeout'; readonly readId: number };
export type CacheHits = { readonly type: 'cache-hits'; readonly readId: number; readonly hits: readonly CustomerValue[] };
export type Changes = {
  readonly type: 'changes';
  /** The positions it holds, in words, first so that the timeline shows it. */
  readonly holds: string;
  readonly fetchId: number;
  readonly after: number;
  readonly events: readonly ChangeEvent[];
};
export type ChangesAvailable = { readonly type: 'changes-available' };
export type FetchNow = { readonly type: 'fetch-now' };
export type FetchTimeout = { readonly type: 'fetch-timeout'; readonly fetchId: number };

// To Support profiles, the middle of the chain.
/** `budgetMs` is what is left of the caller's timeout when it sends, as a gRPC deadline travels with a call. */
export type GetProfile = {
  readonly type: 'get-profile';
  readonly callId: number;
  readonly attempt: number;
  readonly customerId: string;
  readonly budgetMs: number;
};
export type HopTimeout = { readonly type: 'hop-timeout'; readonly hopId: number; readonly attempt: number };
export type RetryHop = { readonly type: 'retry-hop'; readonly hopId: number };

// To the Customers service (the owner).
export type GetCustomer = {
  readonly type: 'get-customer';
  readonly callId: number;
  readonly customerId: string;
  /** Who called: the ticket service directly, or Support profiles in the chain. */
  readonly replyTo: 'tickets' | 'profiles';
  /** When the caller stops waiting, if it says: Customers skips a request whose turn comes after it. */
  readonly deadline?: number;
};
export type FetchChanges = { readonly type: 'fetch-changes'; readonly after: number; readonly limit: number; readonly fetchId: number };
export type SharedQuery = { readonly type: 'shared-query'; readonly readId: number; readonly sql: string };
export type Rewake = { readonly type: 'rewake' };
export type UpdateCustomer = { readonly type: 'update-customer'; readonly customerId: string; readonly change: 'rename' | 'plan' };
export type MigrateSchema = { readonly type: 'migrate-schema' };
/** The owner's single worker takes the next request from its queue. */
export type Serve = { readonly type: 'serve' };

// To the cache.
export type CacheGet = { readonly type: 'cache-get'; readonly readId: number; readonly customerIds: readonly string[] };
export type CacheSet = { readonly type: 'cache-set'; readonly value: CustomerValue; readonly ttlMs: number };
export type Invalidate = { readonly type: 'invalidate'; readonly changes: readonly { customerId: string; version: number }[] };
export type Expire = { readonly type: 'expire'; readonly customerId: string; readonly version: number };

export type FaultId =
  'owner-down' | 'owner-slow' | 'profiles-down' | 'hop-retries' | 'replication-paused' | 'cache-cold' | 'retry-storm' | 'reorder-changes';

/** What the services record for the measures. */
export type ReadPathFact =
  | { readonly kind: 'variant-chosen'; readonly variant: Variant }
  | { readonly kind: 'changed'; readonly customerId: string; readonly version: number; readonly position: number }
  | { readonly kind: 'owner-request'; readonly request: 'call' | 'fetch' | 'shared' }
  /**
   * Support profiles took a call from the ticket service, or finished one: answered in time, failed, or
   * answered after the caller's deadline, when nobody was waiting any more.
   */
  | { readonly kind: 'hop'; readonly outcome: 'received' | 'answered' | 'failed' | 'too-late'; readonly ownerAttempts: number }
  | { readonly kind: 'schema-changed'; readonly column: string }
  | { readonly kind: 'cache-cold' }
  | {
      readonly kind: 'read';
      readonly readId: number;
      readonly variant: Variant;
      readonly issuedAt: number;
      readonly rows: readonly PageRow[];
      readonly error?: string;
    };

export interface ReadPaths extends LabTypes {
  readonly inbox: {
    readonly desk: OpenQueue | RunWorkload | ReadLater | ChangeLater | QueuePage;
    readonly tickets:
      | UseVariant
      | QueueRead
      | CustomerAnswer
      | ProfileAnswer
      | CallTimeout
      | RetryCall
      | SharedRows
      | SharedTimeout
      | CacheHits
      | Changes
      | ChangesAvailable
      | FetchNow
      | FetchTimeout;
    readonly profiles: GetProfile | CustomerAnswer | HopTimeout | RetryHop;
    readonly customers: GetCustomer | FetchChanges | SharedQuery | UpdateCustomer | MigrateSchema | Serve | Rewake;
    readonly cache: CacheGet | CacheSet | Invalidate | Expire;
  };
  readonly faults: FaultId;
  readonly facts: ReadPathFact;
}
