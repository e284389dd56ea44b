/**
 * The chapter's exercises, checked against the lab's real databases; the last one runs the reader's save on
 * rushes the reader never saw (hidden runs from the lab's first state).
 */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseDefinition } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { sqlInt } from '../kit/service-sql.ts';
import { SeededRandom } from '../sim/random.ts';
import { SEATLESS_SQL } from './invariants.ts';
import { LOAD_FLIGHT_SQL, loadedOf, saveBookingSql, type LoadedFlight } from './one-flight.ts';
import { SEATS } from './settings.ts';
import { passengerId, passengerName } from './workload.ts';

const catchAHold: ExerciseDefinition = {
  id: 'catch-a-hold',
  title: 'Catch a seat that is held but not booked',
  async check(ctx) {
    const rows = await select(
      requireDb(ctx.databases, 'reservations'),
      "SELECT slot, passenger, held_until FROM seat_holds WHERE status = 'held' ORDER BY slot",
    );
    const [first] = rows;
    if (!first)
      return {
        passed: false,
        message: 'No seat is held right now. Choose the small model, run the workload, and check while passengers are paying.',
      };
    return {
      passed: true,
      message: `Slot ${String(first['slot'])} is held for ${String(first['passenger'])} until ${String(first['held_until'])} ms (${rows.length} held in all): a reservation, not yet a booking. It becomes one when the passenger pays, or lapses.`,
    };
  },
};

const ticketedAfterOutage: ExerciseDefinition = {
  id: 'ticketed-after-outage',
  title: 'Take ticketing down during the rush, bring it back, and see every booking ticketed once',
  async check(ctx) {
    const reservations = requireDb(ctx.databases, 'reservations');
    const [outbox] = await select(
      reservations,
      'SELECT count(*)::int AS events, count(*) FILTER (WHERE attempts > 1)::int AS resent, count(*) FILTER (WHERE NOT delivered)::int AS waiting, coalesce(max(attempts), 0)::int AS most FROM outbox',
    );
    const events = Number(outbox?.['events'] ?? 0);
    if (events === 0) return { passed: false, message: 'No booking has been made yet: run the workload with “Ticketing down” on.' };
    if (Number(outbox?.['resent']) === 0)
      return {
        passed: false,
        message: `All ${events} events reached ticketing at the first send: ticketing was never down while bookings were made.`,
      };
    if (Number(outbox?.['waiting']) > 0)
      return {
        passed: false,
        message: `${String(outbox?.['waiting'])} events still wait in the outbox: switch “Ticketing down” off and play on.`,
      };
    const bookings = (await select(reservations, 'SELECT id FROM bookings')).map((r) => String(r['id']));
    const refs = new Set(
      (await select(requireDb(ctx.databases, 'ticketing'), 'SELECT reservation_ref FROM tickets')).map((r) => String(r['reservation_ref'])),
    );
    const missing = bookings.filter((id) => !refs.has(id));
    if (missing.length > 0)
      return { passed: false, message: `${missing.length} bookings have no ticket yet (${missing[0] ?? ''}, for one).` };
    return {
      passed: true,
      message: `${String(outbox?.['resent'])} of ${events} events were sent more than once (up to ${String(outbox?.['most'])} times) and every one of the ${bookings.length} bookings has exactly one ticket: the bookings never waited for ticketing; only the tickets did.`,
    };
  },
};

/** The reader's root update with the loaded values in place of :version and :sold. */
export function fillSave(template: string, loaded: LoadedFlight): string {
  return template
    .replace(/(?<!:):version\b/g, sqlInt(loaded.version))
    .replace(/(?<!:):sold\b/g, sqlInt(loaded.seatsSold))
    .trim()
    .replace(/;\s*$/, '');
}

/** Bookings the reader never saw, in ticks of one to three that overlap: all load, then all save. */
function hiddenTicks(seed: number): number[] {
  const random = new SeededRandom(seed);
  const arrivals = Array.from({ length: 24 }, () => 1 + Math.floor(random.next() * 3));
  // Quiet ticks at the end, in which the last retries land.
  return [...arrivals, ...Array.from({ length: 24 }, () => 0)];
}
const HIDDEN_SEEDS = [0xf11, 0xf12];

/** Plays the reader's save as the one-flight model would, on a database in its first state, and says what went wrong. */
async function playSaves(db: Database, template: string, seed: number): Promise<string | undefined> {
  let next = 1;
  const retry: number[] = [];
  for (const arrivals of hiddenTicks(seed)) {
    const tick = [...retry.splice(0), ...Array.from({ length: arrivals }, () => next++)];
    const loads: LoadedFlight[] = [];
    while (loads.length < tick.length) {
      const loaded = loadedOf((await select(db, LOAD_FLIGHT_SQL))[0]);
      if (!loaded) return 'the flight row is gone';
      loads.push(loaded);
    }
    for (const [i, passenger] of tick.entries()) {
      const loaded = loads[i];
      if (!loaded || loaded.seatsSold >= loaded.seats) continue;
      const sql = saveBookingSql(fillSave(template, loaded), loaded.seatsSold + 1, {
        bookingId: `H-${passengerId(passenger)}`,
        passenger: passengerId(passenger),
        name: passengerName(passenger),
        now: passenger,
      });
      const result = await db.query(sql);
      if (!result.ok) return `Postgres refused your statement: ${result.error.message}`;
      if ((result.results[0]?.affectedRows ?? 0) === 0) retry.push(passenger);
    }
  }
  const [seatless] = await select(db, SEATLESS_SQL);
  if (seatless) return `${String(seatless['what'])} ended with ${String(seatless['problem'])}: a save overwrote another’s booking`;
  const [sold] = await select(db, "SELECT count(*)::int AS n FROM bookings WHERE model = 'one-flight'");
  const n = Number(sold?.['n'] ?? 0);
  if (n > SEATS) return `${n} bookings for ${SEATS} seats`;
  if (n < SEATS) return `only ${n} of ${SEATS} seats were sold, though more passengers asked and retried`;
  return undefined;
}

const versionCheckedSave: ExerciseDefinition = {
  id: 'version-checked-save',
  title: 'Write the one-flight save that never loses a booking',
  answer: {
    kind: 'sql',
    service: 'reservations',
    placeholder: "UPDATE flights SET seats_sold = :sold + 1, version = … WHERE id = 'DS303' …",
  },
  async check(ctx): Promise<CheckResult> {
    const template = ctx.answer?.trim() ?? '';
    if (!/^update\s+flights\b/i.test(template))
      return { passed: false, message: 'One UPDATE of flights, using :version and :sold for the values the command loaded.' };
    if (/\breturning\b/i.test(template))
      return { passed: false, message: 'Leave out RETURNING: the lab adds its own to insert the booking.' };
    const replay = ctx.replay;
    if (!replay) return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const seed of HIDDEN_SEEDS) {
      const problem = await replay(seed, [], (run) => playSaves(requireDb(run.databases, 'reservations'), template, seed));
      if (problem) return { passed: false, message: `On a rush you have not seen, with bookings saving at once: ${problem}.` };
    }
    return {
      passed: true,
      message: `On two rushes you never saw, every overlapping save but one per tick matched 0 rows and retried, and the flight ended with exactly ${SEATS} bookings, its counter agreeing with its rows.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchAHold, ticketedAfterOutage, versionCheckedSave];
