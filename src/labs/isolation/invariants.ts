/** What must hold in the booking service's database, checked with SQL against it. */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { Isolation } from './messages.ts';
import { COUNTER_FLIGHT } from './settings.ts';

export const NOT_OVERSOLD_SQL = `SELECT f.id, f.capacity, count(b.id)::int AS booked
FROM flights f LEFT JOIN bookings b ON b.flight_id = f.id
GROUP BY f.id, f.capacity HAVING count(b.id) > f.capacity ORDER BY f.id`;

export const COUNTER_AGREES_SQL = `SELECT f.id, f.capacity, f.seats_left, count(b.id)::int AS booked
FROM flights f LEFT JOIN bookings b ON b.flight_id = f.id
WHERE f.id = '${COUNTER_FLIGHT}'
GROUP BY f.id HAVING f.capacity - f.seats_left <> count(b.id)`;

const notOversold: InvariantSpec<Isolation> = {
  id: 'not-oversold',
  label: 'No flight has more bookings than seats',
  async check(dbs) {
    const rows = await select(requireDb(dbs, 'booking'), NOT_OVERSOLD_SQL);
    if (rows.length === 0) return { status: 'holds', summary: 'Every flight has at most as many bookings as seats.' };
    return {
      status: 'broken',
      summary: rows.map((r) => `${String(r['id'])} has ${String(r['booked'])} bookings for ${String(r['capacity'])} seats`).join('; '),
      rows,
    };
  },
};

const counterAgrees: InvariantSpec<Isolation> = {
  id: 'counter-agrees',
  label: `${COUNTER_FLIGHT}’s seat counter agrees with its bookings: no update was lost`,
  async check(dbs) {
    const rows = await select(requireDb(dbs, 'booking'), COUNTER_AGREES_SQL);
    const [row] = rows;
    if (!row) return { status: 'holds', summary: `${COUNTER_FLIGHT}: seats gone from the counter = booking rows.` };
    const gone = Number(row['capacity']) - Number(row['seats_left']);
    return {
      status: 'broken',
      summary: `${COUNTER_FLIGHT} has ${String(row['booked'])} bookings, but its counter shows only ${gone} seats gone: ${Number(row['booked']) - gone} updates were lost.`,
      rows,
    };
  },
};

const nothingHeld: InvariantSpec<Isolation> = {
  id: 'nothing-held',
  label: 'Once quiet, no booking is left prepared, holding its locks',
  async check(dbs, quiet) {
    const rows = await select(requireDb(dbs, 'booking'), 'SELECT gid FROM pg_prepared_xacts ORDER BY gid');
    if (rows.length === 0) return { status: 'holds', summary: 'No prepared transaction is open.' };
    const summary = `${rows.map((r) => String(r['gid'])).join(', ')} still prepared`;
    return quiet ? { status: 'broken', summary, rows } : { status: 'pending', summary, rows };
  },
};

export const invariants: readonly InvariantSpec<Isolation>[] = [notOversold, counterAgrees, nothingHeld];
