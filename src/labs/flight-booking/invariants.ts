/** What must hold in the two databases, checked with SQL against them. */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { FlightBooking } from './messages.ts';
import { OVERBOOK_LIMIT, SEATS } from './settings.ts';

/** Bookings with no seat behind them: a small booking whose hold is not booked by it, a flight whose count disagrees with its rows. */
export const SEATLESS_SQL = `SELECT b.id AS what, 'booking without a booked hold' AS problem FROM bookings b
WHERE b.model = 'small' AND NOT EXISTS (
  SELECT 1 FROM seat_holds h
  WHERE h.flight_id = b.flight_id AND h.slot = b.slot AND h.status = 'booked' AND h.passenger = b.passenger)
UNION ALL
SELECT f.id, 'seats_sold = ' || f.seats_sold || ' but ' || count(b.id) || ' booking rows' FROM flights f
LEFT JOIN bookings b ON b.flight_id = f.id AND b.model = 'one-flight'
GROUP BY f.id, f.seats_sold
HAVING f.seats_sold <> count(b.id) AND count(b.id) > 0`;

export const OVER_LIMIT_SQL = `SELECT model, count(*)::int AS bookings FROM bookings GROUP BY model
HAVING count(*) > CASE WHEN model = 'small' THEN ${SEATS + OVERBOOK_LIMIT} ELSE ${SEATS} END`;

export const APOLOGY_MISMATCH_SQL = `SELECT bo.booking_id, bo.outcome, a.kind FROM boarding bo
LEFT JOIN apologies a ON a.booking_id = bo.booking_id
WHERE (bo.outcome = 'bumped') <> (a.booking_id IS NOT NULL)
UNION ALL
SELECT a.booking_id, 'no boarding row', a.kind FROM apologies a WHERE NOT EXISTS (SELECT 1 FROM boarding bo WHERE bo.booking_id = a.booking_id)`;

const seatBehindEveryBooking: InvariantSpec<FlightBooking> = {
  id: 'seat-behind-every-booking',
  label: 'No booking without a seat: a booked hold (small), a seat counted on the flight (one flight)',
  async check(dbs) {
    const rows = await select(requireDb(dbs, 'reservations'), SEATLESS_SQL);
    if (rows.length === 0) return { status: 'holds', summary: 'Every booking has its seat.' };
    return { status: 'broken', summary: rows.map((r) => `${String(r['what'])}: ${String(r['problem'])}`).join('; '), rows };
  },
};

const withinLimit: InvariantSpec<FlightBooking> = {
  id: 'within-limit',
  label: `Bookings ≤ seats (${SEATS}) + overbooking limit (${OVERBOOK_LIMIT}, small model only)`,
  async check(dbs) {
    const rows = await select(requireDb(dbs, 'reservations'), OVER_LIMIT_SQL);
    if (rows.length === 0) return { status: 'holds', summary: 'No model sold more than it may.' };
    return { status: 'broken', summary: rows.map((r) => `${String(r['model'])}: ${String(r['bookings'])} bookings`).join('; '), rows };
  },
};

const oneApologyEach: InvariantSpec<FlightBooking> = {
  id: 'one-apology-each',
  label: 'Every bumped passenger got exactly one apology, and nobody else did',
  async check(dbs) {
    const rows = await select(requireDb(dbs, 'reservations'), APOLOGY_MISMATCH_SQL);
    if (rows.length === 0) return { status: 'holds', summary: 'Apologies match the bumped passengers one for one.' };
    return { status: 'broken', summary: `${rows.length} boarding rows and apologies disagree`, rows };
  },
};

const holdsLapse: InvariantSpec<FlightBooking> = {
  id: 'holds-lapse',
  label: 'Once quiet, no seat is still held: every hold became a booking or lapsed',
  async check(dbs, quiet) {
    const rows = await select(
      requireDb(dbs, 'reservations'),
      "SELECT slot, passenger, held_until FROM seat_holds WHERE status = 'held' ORDER BY slot",
    );
    if (rows.length === 0) return { status: 'holds', summary: 'No hold is outstanding.' };
    const summary = `${rows.length} seats held (${rows.map((r) => String(r['passenger'])).join(', ')})`;
    return quiet ? { status: 'broken', summary: `${summary}, and nothing will release them`, rows } : { status: 'pending', summary, rows };
  },
};

const everyBookingTicketed: InvariantSpec<FlightBooking> = {
  id: 'every-booking-ticketed',
  label: 'Once quiet, every booking has exactly one ticket in ticketing',
  async check(dbs, quiet) {
    const bookings = (await select(requireDb(dbs, 'reservations'), 'SELECT id FROM bookings ORDER BY id')).map((r) => String(r['id']));
    const refs = new Set(
      (await select(requireDb(dbs, 'ticketing'), 'SELECT reservation_ref FROM tickets')).map((r) => String(r['reservation_ref'])),
    );
    const missing = bookings.filter((id) => !refs.has(id));
    if (missing.length === 0) return { status: 'holds', summary: `All ${bookings.length} bookings are ticketed, once each.` };
    const summary = `${missing.length} of ${bookings.length} bookings have no ticket yet (${missing.slice(0, 3).join(', ')}…)`;
    return quiet ? { status: 'broken', summary } : { status: 'pending', summary };
  },
};

export const invariants: readonly InvariantSpec<FlightBooking>[] = [
  seatBehindEveryBooking,
  withinLimit,
  oneApologyEach,
  holdsLapse,
  everyBookingTicketed,
];
