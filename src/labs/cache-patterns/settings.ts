/** The lab's catalogue, clocks and workload, in one place so the chapter and the tests read the same numbers. */

/** The catalogue every run starts with: id, name, price in cents. Product 1 is the hottest, 8 the coldest. */
export const PRODUCTS = [
  { id: 1, name: 'Kettle', priceCents: 3900 },
  { id: 2, name: 'Teapot', priceCents: 2400 },
  { id: 3, name: 'Mug', priceCents: 900 },
  { id: 4, name: 'Tea towel', priceCents: 700 },
  { id: 5, name: 'Toaster', priceCents: 4900 },
  { id: 6, name: 'Bread bin', priceCents: 2900 },
  { id: 7, name: 'Egg cup', priceCents: 400 },
  { id: 8, name: 'Cake stand', priceCents: 3200 },
] as const;

/**
 * How skewed the workload is: product k is drawn with weight 1 / k^SKEW, so with eight products the
 * hottest takes about a third of the requests and the coldest about one in thirty.
 */
export const SKEW = 1.2;

/** The workload: how many requests, the gap between two, and the share that are price changes. */
export const WORKLOAD_SIZE = 160;
export const WORKLOAD_GAP_MS = { min: 10, max: 50 } as const;
export const UPDATE_SHARE = 0.15;

/** Postgres spends this long on each query before it answers: the cost a cache hit saves. */
export const QUERY_COST_MS = 25;

/** How long a cache entry lives unless the reader changes `settings.ttl_ms`. */
export const DEFAULT_TTL_MS = 2_000;

/** The write-back cache hands its dirty writes to Postgres this often. */
export const FLUSH_INTERVAL_MS = 500;

/** How long a fill waits between reading Postgres and writing the cache under "fill pauses" (and in the race). */
export const FILL_PAUSE_MS = 200;

/** The race scenario's product: a cold one, so the shopper's read is a miss. */
export const RACE_PRODUCT = 8;

/** The staleness bound the TTL exercise asks for, and the hit rate it must keep. */
export const TTL_EXERCISE = { maxStaleMs: 800, minHitShare: 0.65 } as const;
