/** The lab's clocks, sizes and limits in one place, so the chapter, the services and the tests quote the same figures. */

/** A list page holds this many orders; the lab always asks for page 3. */
export const PAGE_SIZE = 10;
export const PAGE = 3;

/** The order whose details page the lab opens. */
export const ORDER_ID = 'O-042';

/**
 * What answering costs an owning service in virtual time: a fixed part, plus one millisecond for every
 * `ROWS_PER_MS` rows it reads and sends (serialising and shipping rows is not free).
 */
export const SERVICE_BASE_MS = 2;
export const ROWS_PER_MS = 5;
/** The composer's own cost for joining and sorting in memory: one millisecond per this many rows held. */
export const JOIN_ROWS_PER_MS = 10;

/** With the "slow Payments" fault on, Payments answers this much later: slower than the others, not yet past the timeout. */
export const PAYMENTS_SLOW_MS = 180;

/** The composer gives up on a call after this long. */
export const CALL_TIMEOUT_MS = 250;
/** The circuit breaker opens after this many failed calls in a row to one service. */
export const BREAKER_THRESHOLD = 3;
/** An open breaker waits this long, then lets one trial call through (half-open). */
export const BREAKER_COOL_DOWN_MS = 1_000;

/** After a service tells it of a change, the projector waits this long before it fetches, to take changes in batches. */
export const PROJECTOR_DELAY_MS = 200;
/** The projector asks a service for at most this many change events at a time. */
export const FETCH_LIMIT = 50;
/** A fetch with no answer is tried again after this long, then longer (backoff), while the service is down. */
export const FETCH_RETRY_MS = 500;
export const FETCH_RETRY_CAP_MS = 4_000;
