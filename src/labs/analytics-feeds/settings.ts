/** The lab's clocks and sizes in one place, so the chapter, the faults and the tests quote the same figures. */

/** One lab day is one second of virtual time: a nightly job every second keeps a four-day run short. */
export const DAY_MS = 1_000;
/** The workload runs this many days; the last nightly batch runs just after the last of them ends. */
export const WORKLOAD_DAYS = 4;
/** Tickets opened per day (a few more or fewer, drawn from the seed). */
export const TICKETS_PER_DAY = 9;
/** A ticket is closed this long after it was opened, at least, and up to twice as long. */
export const TIME_TO_CLOSE_MS = 400;

/** The nightly batch starts this long after midnight, once the day is over. */
export const NIGHTLY_AFTER_MIDNIGHT_MS = 50;
/** The stream job asks for new changes this often when it has caught up. */
export const POLL_INTERVAL_MS = 100;
/** The stream job asks for at most this many changes at a time. */
export const FETCH_LIMIT = 20;
/** A crashed stream job is restarted by its supervisor after this long. */
export const RESTART_DELAY_MS = 300;
/** The replay reads the retained change log in batches of this many changes. */
export const REPLAY_BATCH = 25;

/** With the late-events fault on, one closure in three sits on a field agent's laptop this long before it is recorded. */
export const LATE_SYNC_MS = 700;

/** The analyst reads the four reports at these moments of each day (ms after midnight). */
export const READ_AT_MS = [600] as const;

/** The customer whose profile an agent edits each morning, with the form open for this long. */
export const EDITED_CUSTOMER = 1;
export const FORM_OPENS_AFTER_MIDNIGHT_MS = 20;
export const FORM_OPEN_MS = 300;

/** Customer ids of the shared support-ticket seed. */
export const CUSTOMERS = [1, 2, 3, 4, 5, 6] as const;

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);
