/**
 * The nine ways to book a seat, as data: the isolation level a booking's transaction runs at, what it reads,
 * what it writes given what it read, and what happens when a second booking's write meets the first one's
 * lock. `booking-round.ts` runs them, alone or two at once.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { MethodId } from './messages.ts';
import { COUNTER_FLIGHT, ROWS_FLIGHT } from './settings.ts';

export type Level = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * What a booking read, as SQL expressions for its write: inside the same transaction, the transaction-local
 * settings its read stored (`current_setting('booking.free')`); after a wait, the numbers the app kept.
 */
export interface Seen {
  readonly free: string;
  readonly version: string;
}

/** The values a read stored, for a write in the same transaction. */
export const SEEN_IN_TRANSACTION: Seen = {
  free: "current_setting('booking.free')::int",
  version: "current_setting('booking.version')::int",
};

/** The values read, carried by the app into a later transaction. */
export const seenAs = (free: number, version: number): Seen => ({ free: sqlInt(free), version: sqlInt(version) });

/** A write and what it means when it touched no row. */
export interface Write {
  readonly sql: string;
  readonly noRow: 'full' | 'stale';
}

/**
 * When a second booking's write needs a row or key the first booking still holds, Postgres makes it wait.
 * One PGlite connection cannot wait, so the lab ends the second booking's transaction, commits the first,
 * and then does what Postgres would do once the wait is over:
 * - `write`: run the write it had planned, on top of the first booking's commit (READ COMMITTED);
 * - `serialization-failure`: fail it with 40001, as REPEATABLE READ does when the row changed after its snapshot.
 */
export type AfterWait = 'write' | 'serialization-failure';

export interface Method {
  readonly id: MethodId;
  readonly label: string;
  readonly flight: string;
  readonly level: Level;
  /**
   * Run first in the transaction; absent when the write decides alone. Returns `free` and `version` and
   * keeps them in transaction-local settings, so that the whole transaction is one call to the database.
   */
  readonly read?: string;
  /** Writes only when the seen seats were free (`seen.free > 0`); the statement's row count says if it did. */
  readonly write: (seen: Seen, passenger: string) => Write;
  /** Whether a second booking's write needs what a first, still open, booking holds. */
  readonly waitsOnOpenBooking: boolean;
  readonly afterWait: AfterWait;
}

const keep = (free: string, version: string) =>
  `SELECT set_config('booking.free', (${free})::text, true)::int AS free, set_config('booking.version', (${version})::text, true)::int AS version`;
const counterRead = `${keep('seats_left', 'version')}
FROM flights WHERE id = ${sqlText(COUNTER_FLIGHT)}`;
const rowsRead = `${keep(`capacity - (SELECT count(*) FROM bookings WHERE flight_id = ${sqlText(ROWS_FLIGHT)})`, '0')}
FROM flights WHERE id = ${sqlText(ROWS_FLIGHT)}`;

/** A booking row on the rows flight, if the seen seats were free. */
const insertBooking = (seen: Seen, passenger: string, method: MethodId, seatNo = 'NULL') =>
  `INSERT INTO bookings (flight_id, passenger, seat_no, method)
SELECT ${sqlText(ROWS_FLIGHT)}, ${sqlText(passenger)}, ${seatNo}, ${sqlText(method)} WHERE ${seen.free} > 0`;

/** Counter update and booking row in one statement: the booking row exists only if the update touched the counter. */
const counterWrite = (method: MethodId, passenger: string, set: string, where: string): string =>
  `WITH taken AS (UPDATE flights SET ${set} WHERE id = ${sqlText(COUNTER_FLIGHT)}${where} RETURNING id)
INSERT INTO bookings (flight_id, passenger, method) SELECT id, ${sqlText(passenger)}, ${sqlText(method)} FROM taken`;

export const METHOD_LIST: readonly Method[] = [
  {
    id: 'read-modify-write',
    label: 'Read, then write (READ COMMITTED)',
    flight: COUNTER_FLIGHT,
    level: 'READ COMMITTED',
    read: counterRead,
    write: (s, p) => ({
      sql: counterWrite('read-modify-write', p, `seats_left = ${s.free} - 1, version = version + 1`, ` AND ${s.free} > 0`),
      noRow: 'full',
    }),
    waitsOnOpenBooking: true,
    afterWait: 'write',
  },
  {
    id: 'for-update',
    label: 'SELECT … FOR UPDATE',
    flight: COUNTER_FLIGHT,
    level: 'READ COMMITTED',
    // NOWAIT: where Postgres would make a second booking wait for the row, it says so at once (55P03).
    read: `${counterRead} FOR UPDATE NOWAIT`,
    write: (s, p) => ({
      sql: counterWrite('for-update', p, `seats_left = ${s.free} - 1, version = version + 1`, ` AND ${s.free} > 0`),
      noRow: 'full',
    }),
    waitsOnOpenBooking: true,
    afterWait: 'write',
  },
  {
    id: 'atomic-update',
    label: 'Atomic UPDATE … WHERE seats_left > 0',
    flight: COUNTER_FLIGHT,
    level: 'READ COMMITTED',
    write: (_s, p) => ({
      sql: counterWrite('atomic-update', p, 'seats_left = seats_left - 1, version = version + 1', ' AND seats_left > 0'),
      noRow: 'full',
    }),
    waitsOnOpenBooking: true,
    afterWait: 'write',
  },
  {
    id: 'version-check',
    label: 'Version check',
    flight: COUNTER_FLIGHT,
    level: 'READ COMMITTED',
    read: counterRead,
    write: (s, p) => ({
      sql: counterWrite(
        'version-check',
        p,
        `seats_left = ${s.free} - 1, version = version + 1`,
        ` AND ${s.free} > 0 AND version = ${s.version}`,
      ),
      noRow: 'stale',
    }),
    waitsOnOpenBooking: true,
    afterWait: 'write',
  },
  {
    id: 'repeatable-read',
    label: 'Read, then write (REPEATABLE READ)',
    flight: COUNTER_FLIGHT,
    level: 'REPEATABLE READ',
    read: counterRead,
    write: (s, p) => ({
      sql: counterWrite('repeatable-read', p, `seats_left = ${s.free} - 1, version = version + 1`, ` AND ${s.free} > 0`),
      noRow: 'full',
    }),
    waitsOnOpenBooking: true,
    afterWait: 'serialization-failure',
  },
  {
    id: 'check-then-insert',
    label: 'Count, then insert (READ COMMITTED)',
    flight: ROWS_FLIGHT,
    level: 'READ COMMITTED',
    read: rowsRead,
    write: (s, p) => ({ sql: insertBooking(s, p, 'check-then-insert'), noRow: 'full' }),
    waitsOnOpenBooking: false,
    afterWait: 'write',
  },
  {
    id: 'check-then-insert-rr',
    label: 'Count, then insert (REPEATABLE READ)',
    flight: ROWS_FLIGHT,
    level: 'REPEATABLE READ',
    read: rowsRead,
    write: (s, p) => ({ sql: insertBooking(s, p, 'check-then-insert-rr'), noRow: 'full' }),
    waitsOnOpenBooking: false,
    afterWait: 'write',
  },
  {
    id: 'serializable',
    label: 'Count, then insert (SERIALIZABLE)',
    flight: ROWS_FLIGHT,
    level: 'SERIALIZABLE',
    read: rowsRead,
    write: (s, p) => ({ sql: insertBooking(s, p, 'serializable'), noRow: 'full' }),
    waitsOnOpenBooking: false,
    afterWait: 'write',
  },
  {
    id: 'unique-seat',
    label: 'Unique seat number',
    flight: ROWS_FLIGHT,
    level: 'READ COMMITTED',
    read: rowsRead,
    write: (s, p) => ({
      sql: insertBooking(s, p, 'unique-seat', `(SELECT capacity FROM flights WHERE id = ${sqlText(ROWS_FLIGHT)}) - ${s.free} + 1`),
      noRow: 'full',
    }),
    // A second booking that picked the same seat number waits on the first one's uncommitted key.
    waitsOnOpenBooking: true,
    afterWait: 'write',
  },
];

export function methodOf(id: MethodId): Method {
  const method = METHOD_LIST.find((m) => m.id === id);
  if (!method) throw new Error(`no method ${id}`);
  return method;
}

/** The broken methods: the ones a property test must catch breaking an invariant. */
export const BROKEN: readonly MethodId[] = ['read-modify-write', 'check-then-insert', 'check-then-insert-rr'];
