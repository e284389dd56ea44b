/** The lab's clocks, sizes and choices in one place, so the chapter, the faults and the tests quote the same figures. */

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;

/** The shop trades for this long (virtual time); then the backup schedule stops too, so a run comes to rest. */
export const DAY_MS = 20 * MINUTE;
/** A new order comes in every 5 to 15 s, drawn from the seed. */
export const ORDER_GAP_MIN_MS = 5 * SECOND;
export const ORDER_GAP_MAX_MS = 15 * SECOND;
/** One order in this many is paid by invoice later: no payment exists for it, so payments cannot vouch for it. */
export const INVOICE_EVERY = 5;

/** The backup job wakes every minute and dumps when the minute is a multiple of the chosen interval. */
export const DUMP_INTERVALS_MIN = [1, 5, 10, 30] as const;
export type DumpInterval = (typeof DUMP_INTERVALS_MIN)[number];
export const DEFAULT_DUMP_INTERVAL_MIN: DumpInterval = 10;

/** The log shipper wakes every 15 s and ships when the chosen period has passed; 0 means shipping is off. */
export const SHIP_TICK_MS = 15 * SECOND;
export const SHIP_PERIODS_S = [0, 15, 120] as const;
export type ShipPeriod = (typeof SHIP_PERIODS_S)[number];

/** The broker keeps order events this long, as a Kafka topic's retention.ms does; older ones are deleted. */
export const RETENTION_MS = 12 * MINUTE;

/**
 * The restore's transfer time is modelled, not measured: the dump's bytes and the shipped log's bytes over a
 * link of this many bytes per second (small on purpose: the shop is tiny, and the model keeps size visible).
 */
export const TRANSFER_BYTES_PER_S = 20_000;

export const CUSTOMERS = ['ada', 'bao', 'cleo', 'dev', 'emil', 'fay', 'gus', 'hana'] as const;
export const STREETS = ['Mill Lane', 'Quay Street', 'Elm Row', 'Dock Road'] as const;

/** What the reader's mistakes do, as a tired operator might type them. */
export const BAD_UPDATE = 'UPDATE orders SET total_cents = 0';
export const DROP_TABLE = 'DROP TABLE orders';

export function transferMs(bytes: number): number {
  return Math.ceil((bytes * 1_000) / TRANSFER_BYTES_PER_S);
}

export function clock(ms: number): string {
  const s = Math.floor(ms / 1_000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
