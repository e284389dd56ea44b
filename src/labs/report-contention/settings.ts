/** The lab's sizes, clocks and limits in one place, so the chapter, the faults and the tests quote the same figures. */

/** Closed tickets generated as history in both monoliths and in the analytics store. */
export const HISTORY_TICKETS = 20_000;
/** History ticket ids run from 1001 to 1000 + HISTORY_TICKETS. */
export const HISTORY_FIRST_ID = 1001;
/** Customers 1 to 6 come from the shared seed; the lab adds the rest up to this id. */
export const CUSTOMERS = 300;
/** Tickets the ticket app opens get ids from here on, far above the history. */
export const FIRST_NEW_TICKET_ID = 100_001;

/** Requests in one press of "Serve … ticket requests". */
export const WORKLOAD_REQUESTS = 40;
/** Gap between two requests: at least this, plus a seeded draw below WORKLOAD_GAP_JITTER_MS. */
export const WORKLOAD_GAP_MS = 15;
export const WORKLOAD_GAP_JITTER_MS = 20;

/** "Run the report …": how many times, and how far apart. */
export const REPORT_RUNS = 4;
export const REPORT_EVERY_MS = 200;

/** The copy job wakes this often while a workload runs. */
export const COPY_INTERVAL_MS = 300;
/** Changes one copy pass takes at most; a full batch makes the job go round again at once. */
export const COPY_BATCH = 100;
/** The copy job keeps its schedule this long after the last request of a workload, to pick up the tail. */
export const COPY_TAIL_MS = 400;
