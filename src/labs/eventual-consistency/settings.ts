/** The lab's clocks, limits and cast, in one place so the chapter and the tests read the same numbers. */

/** The customers every pattern knows, with the name the reader sees on the buttons. */
export const CUSTOMERS = [
  { id: 'ada', name: 'Ada' },
  { id: 'ben', name: 'Ben' },
  { id: 'chen', name: 'Chen' },
] as const;

export type CustomerId = (typeof CUSTOMERS)[number]['id'];

/** Pattern 1: how often the sync job runs, normally and with the interval faults on. */
export const SYNC_INTERVAL_MS = 1_000;
export const SYNC_INTERVAL_SHORT_MS = 250;
export const SYNC_INTERVAL_LONG_MS = 4_000;
/** Runs in a row that found nothing to fix, after which the scheduler sleeps until the next request. */
export const SYNC_IDLE_RUNS = 2;

/** Pattern 2: the first call's timeout, doubled on each try; tries before a new ticket is refused. */
export const CALL_TIMEOUT_MS = 300;
export const CREATE_TRIES = 3;
/** Pattern 2: the longest wait between retries of a call the ticket service must not give up on. */
export const MAX_RETRY_WAIT_MS = 2_000;

/** Pattern 3: the broker's redelivery clocks (see src/labs/kit/broker.ts). */
export const ACK_TIMEOUT_MS = 400;
export const RETRY_DELAY_MS = 200;
export const MAX_UNANSWERED = 4;

/** The slow-network fault's extra one-way latency. */
export const SLOW_NETWORK_MS = 500;

/** The workload action: how many requests, and the gap between two of them. */
export const WORKLOAD_SIZE = 20;
export const WORKLOAD_GAP_MS = { min: 100, max: 400 } as const;
/** The share of workload requests that close an open ticket instead of opening one. */
export const WORKLOAD_CLOSE_SHARE = 0.3;
/** The workload closes only tickets opened at least this long ago: longer than pattern 2 may take to decide. */
export const WORKLOAD_CLOSE_MIN_AGE_MS = 2_500;
