/** The flight, the rush and the clocks in one place, so the chapter, the faults and the tests quote the same figures. */

/** The one flight everybody wants. */
export const FLIGHT = 'DS303';
/** Seats on the aircraft. */
export const SEATS = 15;
/** Seats the small-aggregates model sells beyond the aircraft, counting on no-shows. */
export const OVERBOOK_LIMIT = 2;
/** Passengers in one rush; more than the seats, so that the flight sells out. */
export const PASSENGERS = 24;
/** The rush: every passenger arrives within this window (virtual ms). */
export const RUSH_MS = 500;
/** How likely a passenger starts and leaves before paying. */
export const ABANDON_CHANCE = 0.15;
/** How likely a passenger who booked does not turn up at the gate. */
export const NO_SHOW_CHANCE = 0.08;
/** Time a passenger spends paying, between starting and asking to book. */
export const PAY_MS = 300;
/** A seat hold lasts this long unless it is turned into a booking. */
export const HOLD_TTL_MS = 400;
/** With the "short holds" fault: shorter than paying takes. */
export const SHORT_HOLD_TTL_MS = 200;
/** Everything that reaches the reservations service within one tick runs at once, interleaved. */
export const TICK_MS = 30;
/** Attempts per command before the customer (or the planner) is told it failed. */
export const MAX_ATTEMPTS = 4;
/** When the planners move the departure during the rush (ms after it starts). */
export const SCHEDULE_EDITS_AT: readonly number[] = [200, 400];
/** With the "schedule change mid-rush" fault: a re-plan that edits the schedule this often, at the peak. */
export const REPLAN_EDITS_AT: readonly number[] = [220, 250, 280, 310, 340, 370];
/** The gate closes this long after the rush began. */
export const DEPART_AFTER_MS = 3_000;
/** The relay sends the outbox's undelivered events again after this long. */
export const RELAY_MS = 250;
/** Seats free on the next flight for bumped passengers; the rest get a voucher. */
export const REBOOK_SEATS = 1;
