/** The lab's flights, workload and limits, in one place so the chapter and the tests read the same numbers. */

/** The flight whose free seats are one counter row (`flights.seats_left`): the lost update's home. */
export const COUNTER_FLIGHT = 'DS101';
/** The flight whose seats are counted from its booking rows: the write skew's home. */
export const ROWS_FLIGHT = 'DS202';
/** Seats on each flight. */
export const CAPACITY = 7;

/** Booking requests in one workload, more than the seats, so that the last seats are fought over. */
export const WORKLOAD_REQUESTS = 12;
/** How likely a request arrives while the one before it is still in flight (one in two); a rush makes it always. */
export const OVERLAP_CHANCE = 0.6;
/** Virtual time between two rounds of the workload. */
export const ROUND_GAP_MS = 100;
/** Attempts per request before the customer is told it failed. */
export const MAX_ATTEMPTS = 4;
