/** The lab's clocks, sizes and limits in one place, so that the chapter, the faults and the tests quote the same figures. */

/** A queue page shows this many tickets, and each needs its customer's name and plan. */
export const PAGE_SIZE = 6;
/** Open tickets in the queue; pages walk through them in order. */
export const OPEN_TICKETS = 24;

/** The Customers service serves one request at a time: this long each, or this long with the "owner slow" fault. */
export const OWNER_SERVICE_MS = 4;
export const OWNER_SLOW_SERVICE_MS = 25;

/** A call to Customers with no answer in this time is given up on, and tried again up to MAX_ATTEMPTS in all. */
export const CALL_TIMEOUT_MS = 200;
export const MAX_ATTEMPTS = 3;
/** Backoff with jitter between attempts: doubling from the base, capped. */
export const RETRY_BASE_MS = 100;
export const RETRY_CAP_MS = 800;

/**
 * In the chain, Support profiles gives its call to Customers the budget the caller sent, less this much for
 * the way there and back (each way 10 ms plus up to 5 ms of jitter), and tries once: only the caller
 * retries. With the "every hop retries" fault it uses CALL_TIMEOUT_MS and MAX_ATTEMPTS of its own.
 */
export const HOP_MARGIN_MS = 30;

/** The replicator asks Customers for changes after its checkpoint, at most this many at a time. */
export const CHANGE_BATCH_LIMIT = 20;
/** After a batch that was not full, it asks again after this long; caught up, it sleeps until woken. */
export const REPLICATION_INTERVAL_MS = 200;
/** A fetch with no answer in this time is sent again. */
export const FETCH_TIMEOUT_MS = 250;

/** Cache with TTL only: an entry lives this long. With event invalidation, the TTL is a long backstop. */
export const CACHE_TTL_MS = 2_000;
export const CACHE_BACKSTOP_TTL_MS = 30_000;

/** The standard workload: queue reads every READ_INTERVAL_MS, and the owner's changes at these moments. */
export const WORKLOAD_READS = 40;
export const READ_INTERVAL_MS = 150;
export const WORKLOAD_CHANGES = [
  { at: 500, customerId: 'c1', change: 'rename' },
  { at: 1_200, customerId: 'c2', change: 'plan' },
  { at: 2_000, customerId: 'c3', change: 'rename' },
  { at: 2_600, customerId: 'c1', change: 'plan' },
  { at: 3_500, customerId: 'c4', change: 'rename' },
  { at: 4_500, customerId: 'c5', change: 'plan' },
  { at: 5_200, customerId: 'c2', change: 'rename' },
] as const;

/** The standard run's fault schedule: a cold cache early on, and Customers unreachable for a second. */
export const COLD_START_AT_MS = 1_500;
export const OUTAGE_FROM_MS = 3_000;
export const OUTAGE_UNTIL_MS = 4_000;
/** And Support profiles, the middle of the chain, unreachable for a second before that. */
export const PROFILES_OUTAGE_FROM_MS = 1_800;
export const PROFILES_OUTAGE_UNTIL_MS = 2_800;

/** The plans a customer can be on, in the order a plan change moves through them. */
export const PLANS = ['free', 'pro', 'enterprise'] as const;
