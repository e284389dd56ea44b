/**
 * The chapter's exercises, checked against the booking service's real database; the last two run the
 * reader's answer on overlapping bookings the reader never saw (hidden runs from the lab's first state).
 */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseContext, ExerciseDefinition } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { SeededRandom } from '../sim/random.ts';
import { bookRound, type RoundHost } from './booking-round.ts';
import { COUNTER_AGREES_SQL, NOT_OVERSOLD_SQL } from './invariants.ts';
import { methodOf, type Level, type Method } from './methods.ts';
import { drawRounds } from './plan.ts';
import { CAPACITY, COUNTER_FLIGHT, WORKLOAD_REQUESTS } from './settings.ts';

const catchLostUpdate: ExerciseDefinition = {
  id: 'catch-lost-update',
  title: 'Catch a lost update in the database',
  async check(ctx) {
    const [row] = await select(requireDb(ctx.databases, 'booking'), COUNTER_AGREES_SQL);
    if (!row)
      return {
        passed: false,
        message:
          'DS101’s counter agrees with its booking rows: no update has been lost yet. Use the read-then-write method and book two at once.',
      };
    const gone = Number(row['capacity']) - Number(row['seats_left']);
    return {
      passed: true,
      message: `DS101 holds ${String(row['booked'])} booking rows, but its counter says only ${gone} seats are gone: ${Number(row['booked']) - gone} decrements were overwritten by a booking that had read the same number.`,
    };
  },
};

/** Rounds the reader never saw: every request overlapping another, and the same shifted by one request. */
const hiddenRounds = (seed: number): number[][][] => {
  const pairs = drawRounds(() => 0, WORKLOAD_REQUESTS, 1);
  const shifted = [[1], ...drawRounds(() => 0, WORKLOAD_REQUESTS - 1, 1).map((r) => r.map((n) => n + 1))];
  const random = new SeededRandom(seed);
  return [pairs, shifted, drawRounds(() => random.next(), WORKLOAD_REQUESTS, 0.7)];
};
const HIDDEN_SEED = 0x150;

/** Plays rounds against a database directly, as the booking service would, and says what went wrong. */
async function playRounds(db: Database, method: Method, rounds: readonly (readonly number[])[]): Promise<string | undefined> {
  const host: RoundHost = {
    sql: (text) => db.query(text),
    note: () => undefined,
    conflict: () => undefined,
    waited: () => undefined,
    outcome: () => undefined,
    retries: true,
  };
  await select(db, 'DELETE FROM bookings; UPDATE flights SET seats_left = capacity, version = 0;');
  for (const round of rounds) await bookRound(host, method, round);
  const oversold = await select(db, NOT_OVERSOLD_SQL);
  if (oversold[0])
    return `${String(oversold[0]['id'])} ended with ${String(oversold[0]['booked'])} bookings for ${String(oversold[0]['capacity'])} seats`;
  const [lost] = await select(db, COUNTER_AGREES_SQL);
  if (lost && method.flight === COUNTER_FLIGHT)
    return `${COUNTER_FLIGHT} ended with ${String(lost['booked'])} bookings but ${String(lost['seats_left'])} seats still free on its counter`;
  const [sold] = await select(db, `SELECT count(*)::int AS n FROM bookings WHERE flight_id = '${method.flight}'`);
  if (Number(sold?.['n']) < CAPACITY)
    return `only ${String(sold?.['n'])} of ${CAPACITY} seats were sold, though ${WORKLOAD_REQUESTS} travellers asked`;
  return undefined;
}

/** One hidden run from the lab's first state, on which every set of rounds is played in turn. */
async function onHiddenRuns(ctx: ExerciseContext, method: Method): Promise<string | undefined> {
  const replay = ctx.replay;
  if (!replay) return 'This check replays the lab on runs you have not seen, and this page cannot do that.';
  return replay(HIDDEN_SEED, [], async (run) => {
    for (const rounds of hiddenRounds(HIDDEN_SEED)) {
      const problem = await playRounds(requireDb(run.databases, 'booking'), method, rounds);
      if (problem) return `On a run you have not seen (rounds ${rounds.map((r) => r.join('+')).join(' ')}): ${problem}.`;
    }
    return undefined;
  });
}

const LEVELS: readonly Level[] = ['READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE'];

const stopWriteSkew: ExerciseDefinition = {
  id: 'stop-write-skew',
  title: 'Pick the isolation level that stops two bookings taking the last seat',
  answer: { kind: 'sql', service: 'booking', placeholder: 'READ COMMITTED, REPEATABLE READ or SERIALIZABLE' },
  async check(ctx): Promise<CheckResult> {
    const level = LEVELS.find((l) => l === ctx.answer?.trim().replace(/;$/, '').replace(/\s+/g, ' ').toUpperCase());
    if (!level) return { passed: false, message: 'Type one isolation level: READ COMMITTED, REPEATABLE READ or SERIALIZABLE.' };
    const problem = await onHiddenRuns(ctx, { ...methodOf('check-then-insert'), level });
    if (problem) return { passed: false, message: `With ${level}, counting then inserting still oversells. ${problem}` };
    return {
      passed: true,
      message: `With ${level}, Postgres refused the second booking of every overlapping pair that would have oversold (40001), and the retry found the flight full: no flight ended with more bookings than seats.`,
    };
  },
};

const neverOversell: ExerciseDefinition = {
  id: 'never-oversell',
  title: 'Write the booking statement that never oversells DS101',
  answer: {
    kind: 'sql',
    service: 'booking',
    placeholder:
      "WITH taken AS (UPDATE flights SET … WHERE id = 'DS101' … RETURNING id) INSERT INTO bookings (flight_id, passenger, method) SELECT …",
  },
  async check(ctx): Promise<CheckResult> {
    const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
    if (!/\bflights\b/i.test(sql) || !/\bbookings\b/i.test(sql))
      return { passed: false, message: 'One statement that takes a seat off DS101’s counter in flights and adds a row to bookings.' };
    const method: Method = {
      ...methodOf('atomic-update'),
      write: () => ({ sql, noRow: 'full' }),
    };
    const problem = await onHiddenRuns(ctx, method);
    if (problem) return { passed: false, message: problem };
    return {
      passed: true,
      message:
        'On runs you never saw, with every booking overlapping another, your statement sold exactly the seats there were and the counter always agreed with the booking rows.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchLostUpdate, stopWriteSkew, neverOversell];
