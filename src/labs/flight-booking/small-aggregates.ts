/**
 * The small model's SQL: a seat hold, a booking and the schedule are aggregates of their own. A hold takes the
 * first free slot with `FOR UPDATE SKIP LOCKED`, so two holds at once take two slots instead of fighting for
 * one; a booking turns a live hold into a booking; the schedule is versioned alone and no booking touches it.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { outboxInsert } from './one-flight.ts';
import { FLIGHT } from './settings.ts';

/**
 * Holds a slot for `passenger` until `until` and leaves the transaction prepared (see reservations.ts): it
 * keeps its row lock, and the next hold of the same tick skips that row, as Postgres decides.
 */
export function holdSql(passenger: string, until: number, gid: string): string {
  return `BEGIN;
UPDATE seat_holds SET status = 'held', passenger = ${sqlText(passenger)}, held_until = ${sqlInt(until)}
WHERE (flight_id, slot) = (
  SELECT flight_id, slot FROM seat_holds
  WHERE flight_id = ${sqlText(FLIGHT)} AND status = 'free'
  ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED
)
RETURNING slot;
PREPARE TRANSACTION ${sqlText(gid)};`;
}

/** Turns the passenger's live hold into a booking and its event, in one statement; nothing if the hold lapsed. */
export function confirmSql(bookingId: string, passenger: string, name: string, now: number): string {
  return `WITH taken AS (
  UPDATE seat_holds SET status = 'booked'
  WHERE flight_id = ${sqlText(FLIGHT)} AND passenger = ${sqlText(passenger)} AND status = 'held'
  RETURNING flight_id, slot
), booked AS (
  INSERT INTO bookings (id, flight_id, passenger, name, slot, model, booked_at)
  SELECT ${sqlText(bookingId)}, flight_id, ${sqlText(passenger)}, ${sqlText(name)}, slot, 'small', ${sqlInt(now)} FROM taken
  RETURNING id, flight_id, name, booked_at
)
${outboxInsert(`(SELECT departs_at FROM schedules WHERE flight_id = ${sqlText(FLIGHT)})`, now)}`;
}

/** A hold that was not turned into a booking in time frees its slot. */
export function expireSql(passenger: string): string {
  return `UPDATE seat_holds SET status = 'free', passenger = NULL, held_until = NULL
WHERE flight_id = ${sqlText(FLIGHT)} AND passenger = ${sqlText(passenger)} AND status = 'held'`;
}

export const LOAD_SCHEDULE_SQL = `SELECT version FROM schedules WHERE flight_id = ${sqlText(FLIGHT)}`;

export function saveScheduleSql(version: number, departsAt: string): string {
  return `UPDATE schedules SET departs_at = ${sqlText(departsAt)}, version = version + 1
WHERE flight_id = ${sqlText(FLIGHT)} AND version = ${sqlInt(version)}`;
}
