/** The lab's sizes, clocks and names in one place, so the chapter, the services and the tests quote the same figures. */

/** A view asks the log for at most this many events at a time. */
export const BATCH_LIMIT = 500;

/** The first load of history: a year of a small shop. The first third was written by the old release. */
export const HISTORY_EVENTS = 1_000;
/** The second load: three more years, to time the same rebuild on a log four times as long. */
export const MORE_HISTORY_EVENTS = 3_000;
/** Customers registered at the start of each load of history. */
export const HISTORY_CUSTOMERS = 50;
/** History is stamped one minute apart from here; live events from LIVE_START on, by virtual time. */
export const HISTORY_START = '2025-01-01 09:00:00+00';
export const LIVE_START = '2026-03-02 09:00:00+00';

/** The named customers the reader's buttons act for. */
export const CUSTOMERS = {
  ada: { name: 'Ada Byron', email: 'ada@example.org', newEmail: 'ada.byron@example.net' },
  ben: { name: 'Ben Okri', email: 'ben@example.org', newEmail: 'ben.okri@example.net' },
} as const;
export type Named = keyof typeof CUSTOMERS;

/** What the live orders buy, in turn. */
export const PRODUCTS = ['teapot', 'kettle', 'mug', 'tea towel', 'sugar bowl', 'milk jug', 'tray', 'strainer'] as const;
