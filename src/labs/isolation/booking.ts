/**
 * The booking service (Postgres): books seats with the method the travellers chose, one round at a time, and
 * records what Postgres said: conflicts, waits, outcomes, and the flight as it stands after each round.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlText } from '../kit/service-sql.ts';
import { bookRound, passengerOf, type RoundHost } from './booking-round.ts';
import type { Book, Isolation } from './messages.ts';
import { methodOf } from './methods.ts';
import { CAPACITY } from './settings.ts';

type Ctx = LabContext<Isolation, 'booking', object>;

function hostOf(ctx: Ctx, m: Book): RoundHost {
  const base = { run: m.run, method: m.method };
  return {
    sql: (text) => ctx.sql(text),
    note: (text) => ctx.note(text),
    conflict: (request, code, by) => {
      ctx.note(`${passengerOf(request)}: ${code} (${by === 'postgres' ? 'from Postgres' : 'scheduled by the lab'})`);
      ctx.fact({ kind: 'conflict', ...base, request, code, by });
    },
    waited: (request, by) => ctx.fact({ kind: 'waited', ...base, request, by }),
    outcome: (request, outcome, attempts) => ctx.fact({ kind: 'outcome', ...base, request, outcome, attempts }),
    retries: !ctx.isFaultOn('no-retries'),
  };
}

async function book(ctx: Ctx, m: Book) {
  const method = methodOf(m.method);
  await bookRound(hostOf(ctx, m), method, m.requests);
  const [flight] = rowsOf(
    await ctx.sql(
      `SELECT f.capacity, f.seats_left, (SELECT count(*) FROM bookings b WHERE b.flight_id = f.id)::int AS booked FROM flights f WHERE f.id = ${sqlText(method.flight)}`,
    ),
  );
  if (flight)
    ctx.fact({
      kind: 'flight',
      run: m.run,
      method: m.method,
      flight: method.flight,
      capacity: Number(flight['capacity']),
      seatsLeft: Number(flight['seats_left']),
      booked: Number(flight['booked']),
    });
}

export function booking(database: ServiceDatabaseSpec): ServiceSpec<Isolation, 'booking', object> {
  return {
    label: 'Booking service (Postgres)',
    role: 'Books seats on two flights, with one of nine methods; one connection, a second booking detached by PREPARE TRANSACTION',
    database,
    tables: [
      { title: 'flights', sql: 'SELECT id, capacity, seats_left, version FROM flights ORDER BY id' },
      {
        title: 'bookings (newest first)',
        sql: 'SELECT id, flight_id, passenger, seat_no, method FROM bookings ORDER BY id DESC LIMIT 12',
      },
      { title: 'pg_prepared_xacts', sql: 'SELECT gid, prepared FROM pg_prepared_xacts ORDER BY gid' },
    ],
    initialState: () => ({}),
    on: {
      async 'reset-flights'(ctx) {
        await ctx.sql(`BEGIN;
DELETE FROM bookings;
UPDATE flights SET seats_left = capacity, version = 0;
COMMIT;`);
        ctx.note(`both flights empty again: ${CAPACITY} seats each`);
      },
      book,
    },
  };
}
