/** The lab's clocks and sizes in one place, so the chapter, the faults and the tests quote the same figures. */

/** One lab day is 100 ms of virtual time: a month of ten days plays in about a second and a half. */
export const DAY_MS = 100;
/** The month the desk works through; the date dimension covers exactly these days. */
export const MONTH_DAYS = 10;
/** Tickets opened per day (two more or fewer, drawn from the seed). */
export const TICKETS_PER_DAY = 5;
/** How many customers change plan during the month, each once, on a day drawn between these two. */
export const PLAN_CHANGES = 2;
export const PLAN_CHANGE_DAYS = [3, 7] as const;

/** The model runs: after day 5, after day 10 (the month's end), and once the late events have landed. */
export const RUN_AFTER_DAYS = [5, 10, 14] as const;
/** A model run starts this long after its day's midnight. */
export const RUN_AFTER_MIDNIGHT_MS = 50;

/** With the late-events fault on, a held event reaches the warehouse this long after it was committed. */
export const LATE_MS = 300;
/** With the late-events fault on, one ticket event in this many is held back (every plan change is). */
export const LATE_ONE_IN = 4;
/** With the bad-records fault on, every this-many-th ticket is a bad one. */
export const BAD_EVERY = 8;
/** A field laptop whose clock runs ahead stamps its tickets this far in the future. */
export const CLOCK_AHEAD_MS = 2 * DAY_MS;
/** The customer id of a ticket imported from the old CRM: no such customer was ever migrated. */
export const UNKNOWN_CUSTOMER = 99;

/** Customer ids of the shared support-ticket seed. */
export const CUSTOMERS = [1, 2, 3, 4, 5, 6] as const;
export const PLANS = ['basic', 'premium'] as const;
export type Plan = (typeof PLANS)[number];

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);
