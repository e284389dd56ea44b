/**
 * The reservations service (Postgres). Commands that reach it within one tick run at once, interleaved:
 *
 * - one-flight model: every command of the tick loads the flight, then each saves it in arrival order under
 *   the version it loaded. No transaction is open between load and save (that is optimistic concurrency), so
 *   one connection is enough: the first save commits, and Postgres matches 0 rows for each later one. Those
 *   retry at the next tick, up to MAX_ATTEMPTS.
 * - small model: each hold of the tick runs to its end and is left prepared (PREPARE TRANSACTION), keeping
 *   its row lock, so the next hold's `FOR UPDATE SKIP LOCKED` passes over that slot, as Postgres decides;
 *   then all are committed. Bookings and schedule edits touch their own rows and run as they arrive.
 *
 * A booking commits its BookingCreated event to the outbox in the same statement; the relay sends it to
 * ticketing until ticketing acknowledges it.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import { departSql, RESET_SQL } from './gate.ts';
import type { BookingCreated, FlightBooking, Model, Outcome } from './messages.ts';
import { LOAD_FLIGHT_SQL, loadedOf, saveBookingSql, saveRootSql } from './one-flight.ts';
import { HOLD_TTL_MS, MAX_ATTEMPTS, RELAY_MS, SHORT_HOLD_TTL_MS, TICK_MS } from './settings.ts';
import { confirmSql, expireSql, holdSql, LOAD_SCHEDULE_SQL, saveScheduleSql } from './small-aggregates.ts';
import { passengerId, passengerName } from './workload.ts';

/** How a variant of the lab is built: the correct one, or one with a safeguard taken out for the tests. */
export interface ModelOptions {
  /** The one-flight save says `AND version = <loaded>`. */
  readonly versionCheck: boolean;
  /** A hold lapses after its time to live. */
  readonly holdsExpire: boolean;
}

type Command =
  | { readonly kind: 'book'; readonly passenger: number; readonly attempt: number }
  | { readonly kind: 'hold'; readonly passenger: number }
  | { readonly kind: 'edit'; readonly edit: number; readonly departsAt: string; readonly attempt: number };

interface ReservationsState {
  model: Model;
  run: number;
  /** Commands waiting for the next tick. */
  queue: Command[];
  tickSet: boolean;
  relaySet: boolean;
}

type Ctx = LabContext<FlightBooking, 'reservations', ReservationsState>;

const bookingIdOf = (ctx: Ctx, passenger: number) =>
  `${ctx.state.model === 'one-flight' ? 'A' : 'B'}${ctx.state.run}-${passengerId(passenger)}`;

function enqueue(ctx: Ctx, command: Command) {
  ctx.state.queue.push(command);
  if (!ctx.state.tickSet) {
    ctx.state.tickSet = true;
    ctx.setTimer(TICK_MS, { type: 'tick' });
  }
}

function answer(ctx: Ctx, passenger: number, outcome: Outcome) {
  ctx.send('passengers', { type: 'answer', run: ctx.state.run, passenger, outcome });
}

/** The outbox row as the event ticketing receives; Postgres built the payload, the engine returns it as text. */
function eventOf(row: Readonly<Record<string, unknown>>): BookingCreated {
  const raw = row['payload'];
  const p = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
  return {
    eventId: Number(row['id']),
    bookingId: String(p['bookingId']),
    passenger: String(p['passenger']),
    flight: String(p['flight']),
    departsAt: String(p['departsAt']),
    bookedAt: Number(p['bookedAt']),
  };
}

/** Sends the events a statement just committed to the outbox, and makes sure the relay comes back for them. */
function publish(ctx: Ctx, rows: readonly Record<string, unknown>[]) {
  for (const row of rows) ctx.send('ticketing', { type: 'booking-created', event: eventOf(row) });
  if (rows.length > 0 && !ctx.state.relaySet) {
    ctx.state.relaySet = true;
    ctx.setTimer(RELAY_MS, { type: 'relay' }, { retry: true });
  }
}

/** A command that lost the race tries again at the next tick, or the customer hears it failed. */
function retryOrGiveUp(ctx: Ctx, command: Extract<Command, { attempt: number }>) {
  const retries = !ctx.isFaultOn('no-retries');
  if (retries && command.attempt < MAX_ATTEMPTS) return enqueue(ctx, { ...command, attempt: command.attempt + 1 });
  if (command.kind === 'book') return answer(ctx, command.passenger, 'failed');
  ctx.fact({ kind: 'edit-failed', run: ctx.state.run, edit: command.edit });
  ctx.note(`schedule edit ${command.edit} gave up after ${command.attempt} attempts`);
}

async function oneFlightTick(ctx: Ctx, commands: readonly Command[], options: ModelOptions) {
  const run = ctx.state.run;
  // Everyone loads first: each sees the same version.
  const loads = [];
  while (loads.length < commands.length) loads.push(loadedOf(rowsOf(await ctx.sql(LOAD_FLIGHT_SQL))[0]));
  for (const [i, command] of commands.entries()) {
    const loaded = loads[i];
    if (!loaded || command.kind === 'hold') continue;
    if (command.kind === 'book' && loaded.seatsSold >= loaded.seats) {
      answer(ctx, command.passenger, 'sold-out');
      continue;
    }
    const what = command.kind === 'book' ? 'booking' : 'schedule';
    const sql =
      command.kind === 'book'
        ? saveBookingSql(saveRootSql(loaded, { seatsSold: loaded.seatsSold + 1 }, options.versionCheck), loaded.seatsSold + 1, {
            bookingId: bookingIdOf(ctx, command.passenger),
            passenger: passengerId(command.passenger),
            name: passengerName(command.passenger),
            now: ctx.now,
          })
        : saveRootSql(loaded, { departsAt: command.departsAt }, options.versionCheck);
    const result = await ctx.sql(sql);
    const matched = result.ok ? (result.results[0]?.affectedRows ?? 0) : 0;
    if (matched === 0) {
      ctx.note(
        `${what} save of ${command.kind === 'book' ? passengerId(command.passenger) : `edit ${command.edit}`} matched 0 rows: version ${loaded.version} is gone`,
      );
      ctx.fact({ kind: 'conflict', run, what, attempt: command.attempt });
      retryOrGiveUp(ctx, command);
      continue;
    }
    ctx.fact({ kind: 'saved', run, what, attempt: command.attempt });
    if (command.kind === 'book') {
      answer(ctx, command.passenger, 'booked');
      publish(ctx, rowsOf(result));
    }
  }
}

async function smallTick(ctx: Ctx, commands: readonly Command[], options: ModelOptions) {
  const run = ctx.state.run;
  const ttl = ctx.isFaultOn('short-holds') ? SHORT_HOLD_TTL_MS : HOLD_TTL_MS;
  const held: { passenger: number; gid: string; slot: number | undefined }[] = [];
  for (const command of commands) {
    if (command.kind !== 'hold') continue;
    const gid = `hold-${run}-${passengerId(command.passenger)}`;
    const result = await ctx.sql(holdSql(passengerId(command.passenger), ctx.now + ttl, gid));
    const slot = result.ok ? result.results[1]?.rows[0]?.[0] : undefined;
    held.push({ passenger: command.passenger, gid, slot: slot === undefined || slot === null ? undefined : Number(slot) });
  }
  if (held.length > 1) ctx.note(`${held.length} holds prepared at once: each skipped the slots the others had locked`);
  for (const h of held) {
    await ctx.sql(`COMMIT PREPARED ${sqlText(h.gid)}`);
    if (h.slot === undefined) {
      answer(ctx, h.passenger, 'sold-out');
      continue;
    }
    ctx.fact({ kind: 'saved', run, what: 'hold', attempt: 1 });
    ctx.send('passengers', { type: 'held', run, passenger: h.passenger });
    if (options.holdsExpire) ctx.setTimer(ttl, { type: 'expire-hold', run, passenger: h.passenger });
  }
}

export function reservations(
  database: ServiceDatabaseSpec,
  options: ModelOptions,
): ServiceSpec<FlightBooking, 'reservations', ReservationsState> {
  return {
    label: 'Reservations (Postgres)',
    role: 'Takes bookings and schedule edits: one flight aggregate under one version, or small aggregates with seat holds; publishes BookingCreated',
    database,
    tables: [
      { title: 'flights (one-flight aggregate)', sql: 'SELECT id, departs_at, seats, seats_sold, version FROM flights' },
      { title: 'schedules (small model)', sql: 'SELECT flight_id, departs_at, version FROM schedules' },
      {
        title: 'seat_holds (small model, not free)',
        sql: "SELECT slot, status, passenger, held_until FROM seat_holds WHERE status <> 'free' ORDER BY slot DESC LIMIT 12",
      },
      {
        title: 'bookings (newest first)',
        sql: 'SELECT id, passenger, name, slot, model, booked_at FROM bookings ORDER BY booked_at DESC, id DESC LIMIT 12',
      },
      {
        title: 'outbox (not yet acknowledged)',
        sql: 'SELECT id, booking_id, attempts, sent_at FROM outbox WHERE NOT delivered ORDER BY id LIMIT 12',
      },
      {
        title: 'boarding and apologies',
        sql: 'SELECT b.passenger, bo.outcome, a.kind AS apology FROM boarding bo JOIN bookings b ON b.id = bo.booking_id LEFT JOIN apologies a ON a.booking_id = bo.booking_id WHERE bo.outcome <> $$boarded$$ ORDER BY bo.outcome, b.booked_at',
      },
    ],
    initialState: () => ({ model: 'one-flight', run: 0, queue: [], tickSet: false, relaySet: false }),
    on: {
      async reset(ctx, m) {
        Object.assign(ctx.state, { model: m.model, run: m.run, queue: [] });
        await ctx.sql(RESET_SQL);
        ctx.note(`flight DS303 empty again; model: ${m.model}`);
      },
      book(ctx, m) {
        if (m.run !== ctx.state.run) return;
        if (ctx.state.model === 'one-flight') return enqueue(ctx, { kind: 'book', passenger: m.passenger, attempt: 1 });
        return confirm(ctx, m.passenger);
      },
      hold(ctx, m) {
        if (m.run === ctx.state.run) enqueue(ctx, { kind: 'hold', passenger: m.passenger });
      },
      async 'edit-schedule'(ctx, m) {
        if (m.run !== ctx.state.run) return;
        if (ctx.state.model === 'one-flight') return enqueue(ctx, { kind: 'edit', edit: m.edit, departsAt: m.departsAt, attempt: 1 });
        // The schedule is its own aggregate: loaded and saved under its own version, clear of every booking.
        const version = Number(rowsOf(await ctx.sql(LOAD_SCHEDULE_SQL))[0]?.['version'] ?? 0);
        const saved = await ctx.sql(saveScheduleSql(version, m.departsAt));
        if (saved.ok && (saved.results[0]?.affectedRows ?? 0) > 0)
          ctx.fact({ kind: 'saved', run: ctx.state.run, what: 'schedule', attempt: 1 });
      },
      async tick(ctx) {
        ctx.state.tickSet = false;
        const commands = ctx.state.queue.splice(0);
        if (ctx.state.model === 'one-flight') await oneFlightTick(ctx, commands, options);
        else await smallTick(ctx, commands, options);
      },
      async 'expire-hold'(ctx, m) {
        if (m.run !== ctx.state.run) return;
        const result = await ctx.sql(expireSql(passengerId(m.passenger)));
        if (result.ok && (result.results[0]?.affectedRows ?? 0) > 0) {
          ctx.note(`${passengerId(m.passenger)}’s hold lapsed: the slot is free again`);
          ctx.fact({ kind: 'hold-expired', run: m.run, passenger: m.passenger });
        }
      },
      async depart(ctx, m) {
        if (m.run !== ctx.state.run) return;
        const result = await ctx.sql(departSql(m.noShows));
        // The counts are the statement before COMMIT.
        const counts = result.ok ? result.results.at(-2) : undefined;
        const gate = counts?.rows[0] ? Object.fromEntries(counts.fields.map((f, i) => [f.name, counts.rows[0]?.[i]])) : undefined;
        if (!gate) return;
        const figure = (k: string) => Number(gate[k] ?? 0);
        ctx.note(`gate closed: ${figure('boarded')} boarded, ${figure('no_shows')} no-shows, ${figure('bumped')} bumped`);
        ctx.fact({
          kind: 'departed',
          run: m.run,
          booked: figure('booked'),
          boarded: figure('boarded'),
          noShows: figure('no_shows'),
          bumped: figure('bumped'),
          apologies: figure('apologies'),
        });
      },
      async relay(ctx) {
        ctx.state.relaySet = false;
        const resend = rowsOf(
          await ctx.sql(`UPDATE outbox SET attempts = attempts + 1, sent_at = ${sqlInt(ctx.now)}
WHERE id IN (SELECT id FROM outbox WHERE NOT delivered AND sent_at <= ${sqlInt(ctx.now - RELAY_MS)} ORDER BY id LIMIT 20)
RETURNING id, payload`),
        );
        const [waiting] = rowsOf(await ctx.sql('SELECT count(*)::int AS n FROM outbox WHERE NOT delivered'));
        if (resend.length > 0) ctx.note(`${resend.length} events not acknowledged: sent again`);
        publish(ctx, resend);
        if (Number(waiting?.['n'] ?? 0) > 0 && !ctx.state.relaySet) {
          ctx.state.relaySet = true;
          ctx.setTimer(RELAY_MS, { type: 'relay' }, { retry: true });
        }
      },
      async ack(ctx, m) {
        await ctx.sql(`UPDATE outbox SET delivered = true WHERE id = ${sqlInt(m.eventId)}`);
      },
    },
  };
}

async function confirm(ctx: Ctx, passenger: number) {
  const result = await ctx.sql(confirmSql(bookingIdOf(ctx, passenger), passengerId(passenger), passengerName(passenger), ctx.now));
  const rows = rowsOf(result);
  if (rows.length === 0) return answer(ctx, passenger, 'hold-expired');
  ctx.fact({ kind: 'saved', run: ctx.state.run, what: 'booking', attempt: 1 });
  answer(ctx, passenger, 'booked');
  publish(ctx, rows);
}
