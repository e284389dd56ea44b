/**
 * The flight's first state, and what happens at the gate: who boards, who did not show, who is bumped
 * because more passengers turned up than the aircraft has seats, and the apology each bumped passenger gets.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { departsAt } from './workload.ts';
import { FLIGHT, OVERBOOK_LIMIT, REBOOK_SEATS, SEATS } from './settings.ts';

export const FLIGHT_DATA_SQL = `INSERT INTO flights (id, departs_at, seats) VALUES (${sqlText(FLIGHT)}, ${sqlText(departsAt(0))}, ${sqlInt(SEATS)});
INSERT INTO schedules (flight_id, departs_at) VALUES (${sqlText(FLIGHT)}, ${sqlText(departsAt(0))});
INSERT INTO seat_holds (flight_id, slot) SELECT ${sqlText(FLIGHT)}, s FROM generate_series(1, ${sqlInt(SEATS + OVERBOOK_LIMIT)}) s;`;

export const RESET_SQL = `BEGIN;
DELETE FROM bookings;
DELETE FROM flights;
DELETE FROM schedules;
DELETE FROM seat_holds;
${FLIGHT_DATA_SQL}
COMMIT;`;

/**
 * Boards passengers who showed in the order they booked; those beyond the seats are bumped, and each gets one
 * apology: the first REBOOK_SEATS a seat on the next flight, the rest a voucher. One transaction.
 */
export function departSql(noShows: readonly string[]): string {
  const absent = `ARRAY[${noShows.map(sqlText).join(', ')}]::text[]`;
  return `BEGIN;
INSERT INTO boarding (booking_id, outcome)
SELECT id, CASE
  WHEN passenger = ANY(${absent}) THEN 'no-show'
  WHEN row_number() OVER (PARTITION BY passenger = ANY(${absent}) ORDER BY booked_at, id) <= ${sqlInt(SEATS)} THEN 'boarded'
  ELSE 'bumped' END
FROM bookings WHERE flight_id = ${sqlText(FLIGHT)};
INSERT INTO apologies (booking_id, kind)
SELECT booking_id, CASE WHEN row_number() OVER (ORDER BY b.booked_at, b.id) <= ${sqlInt(REBOOK_SEATS)} THEN 'rebook' ELSE 'voucher' END
FROM boarding JOIN bookings b ON b.id = boarding.booking_id WHERE outcome = 'bumped';
SELECT count(*)::int AS booked,
  count(*) FILTER (WHERE bo.outcome = 'boarded')::int AS boarded,
  count(*) FILTER (WHERE bo.outcome = 'no-show')::int AS no_shows,
  count(*) FILTER (WHERE bo.outcome = 'bumped')::int AS bumped,
  (SELECT count(*) FROM apologies)::int AS apologies
FROM boarding bo;
COMMIT;`;
}
