/**
 * The one-flight model's SQL: the flight is one aggregate, loaded whole and saved whole under one version.
 * Every change, a booking or a schedule edit, writes the root row `flights` with the values it computed from
 * what it loaded, on condition that the version has not moved since. A save that matches 0 rows lost a race.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { FLIGHT } from './settings.ts';

/** The aggregate's root as one command loaded it. */
export interface LoadedFlight {
  readonly version: number;
  readonly seats: number;
  readonly seatsSold: number;
  readonly departsAt: string;
}

export const LOAD_FLIGHT_SQL = `SELECT version, seats, seats_sold, departs_at FROM flights WHERE id = ${sqlText(FLIGHT)}`;

/**
 * Saves the whole root with `change` applied, as an ORM saves an object: every field from memory. With the
 * version check it is optimistic concurrency; without it, the last save wins and erases the other's change.
 */
export function saveRootSql(
  loaded: LoadedFlight,
  change: { readonly seatsSold?: number; readonly departsAt?: string },
  versionCheck: boolean,
): string {
  const check = versionCheck ? ` AND version = ${sqlInt(loaded.version)}` : '';
  return `UPDATE flights SET seats_sold = ${sqlInt(change.seatsSold ?? loaded.seatsSold)}, departs_at = ${sqlText(change.departsAt ?? loaded.departsAt)}, version = ${sqlInt(loaded.version + 1)}
WHERE id = ${sqlText(FLIGHT)}${check}`;
}

/** What a booking adds inside the aggregate. */
export interface NewBooking {
  readonly bookingId: string;
  readonly passenger: string;
  readonly name: string;
  readonly now: number;
}

/**
 * One statement: the root's save, and only if it matched, the booking row and its BookingCreated event. The
 * outbox row's RETURNING says whether anything was saved and carries the event to send.
 */
export function saveBookingSql(rootUpdate: string, seat: number, b: NewBooking): string {
  return `WITH saved AS (
  ${rootUpdate}
  RETURNING id, departs_at
), booked AS (
  INSERT INTO bookings (id, flight_id, passenger, name, slot, model, booked_at)
  SELECT ${sqlText(b.bookingId)}, id, ${sqlText(b.passenger)}, ${sqlText(b.name)}, ${sqlInt(seat)}, 'one-flight', ${sqlInt(b.now)} FROM saved
  RETURNING id, flight_id, name, booked_at
)
${outboxInsert('(SELECT departs_at FROM saved)', b.now)}`;
}

/** The event, built by Postgres from the booking it describes; `departsAt` is a SQL expression. */
export function outboxInsert(departsAt: string, now: number): string {
  return `INSERT INTO outbox (booking_id, payload, sent_at)
SELECT id, jsonb_build_object('bookingId', id, 'passenger', name, 'flight', flight_id, 'departsAt', ${departsAt}, 'bookedAt', booked_at), ${sqlInt(now)}
FROM booked
RETURNING id, payload`;
}

export function loadedOf(row: Readonly<Record<string, unknown>> | undefined): LoadedFlight | undefined {
  if (!row) return undefined;
  return {
    version: Number(row['version']),
    seats: Number(row['seats']),
    seatsSold: Number(row['seats_sold']),
    departsAt: String(row['departs_at']),
  };
}
