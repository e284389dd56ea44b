/** The lab's cast, clocks and workload shape, in one place so the chapter and the tests read the same numbers. */

/** The three stores the tickets start on (Postgres each), and the fourth a resharding adds (SQLite). */
export const FIRST_SHARDS = ['shard-1', 'shard-2', 'shard-3'] as const;
export const ALL_SHARDS = ['shard-1', 'shard-2', 'shard-3', 'shard-4'] as const;
export type ShardName = (typeof ALL_SHARDS)[number];

/** The two regions that both accept writes in the multi-leader run (SQLite each). */
export const REGIONS = ['region-eu', 'region-us'] as const;
export type RegionName = (typeof REGIONS)[number];

/** Where a customer lives; the region-range key places tickets by it. */
export const HOMES = ['eu', 'us', 'apac'] as const;
export type Home = (typeof HOMES)[number];
/** How customers spread over their homes, in percent. */
export const HOME_SHARE: Readonly<Record<Home, number>> = { eu: 55, us: 30, apac: 15 };

/** The tenants (companies using the help desk). The first is the huge one; its share is a router setting. */
export const TENANTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli'] as const;
export type Tenant = (typeof TENANTS)[number];
export const BIG_TENANT: Tenant = 'acme';
/** The huge tenant's share of the workload unless the router's settings say otherwise, in percent. */
export const BIG_TENANT_PERCENT = 45;
/** Each tenant's customers are numbered 1 to this. */
export const CUSTOMERS_PER_TENANT = 200;

/** The workload: how many requests, and the virtual gap between two. */
export const WORKLOAD_SIZE = 240;
export const WORKLOAD_SEED = 1;
export const WORKLOAD_GAP_MS = { min: 10, max: 40 } as const;
/** How the workload's requests are mixed, in percent: the rest of 100 creates tickets. */
export const QUERY_MIX = { customer: 12, region: 2, tenant: 2 } as const;

/** A shard answers after this long plus a seeded tail: most queries are quick, a few are slow. */
export const SHARD_BASE_MS = 4;
export const SHARD_TAIL_MS = 80;
/** The router gives up on a shard that has not answered after this long. */
export const SHARD_TIMEOUT_MS = 400;
/** Unacknowledged work (a move, a rebalance, a region's changes) is sent again after this, doubling up to the cap. */
export const RETRY_FIRST_MS = 200;
export const RETRY_MAX_MS = 1_600;

/** Virtual nodes per shard on the consistent-hashing ring. */
export const VNODES = 128;

/** The ticket both regions hold at the start of the multi-leader run. */
export const SHARED_TICKET = { id: 7, title: 'Invoice shows the wrong VAT' } as const;
/** The US region's clock runs this far behind the EU region's: last-write-wins trusts both. */
export const US_CLOCK_BEHIND_MS = 40;
