/**
 * One round of bookings: a request alone, or two whose transactions overlap. The second is what one PGlite
 * connection makes hard: two transactions can never be open at once, and each call to the database is a whole
 * transaction. So the first booking runs up to its commit and is detached with PREPARE TRANSACTION: it still
 * holds its row locks and its writes stay invisible to everyone else, by Postgres's own rules. The second
 * booking then runs for real against that state: its read sees the old data, its locking read fails with
 * 55P03, its write under SERIALIZABLE fails with 40001, all said by Postgres. Only where Postgres would make
 * the second booking wait for the first one's lock does the lab step in: it ends the second transaction,
 * commits the first, and carries on as Postgres would after the wait (see `AfterWait`). Each such moment is
 * recorded as raised by the lab.
 */
import type { QueryResult } from '../engine/types.ts';
import type { Outcome, RaisedBy } from './messages.ts';
import { SEEN_IN_TRANSACTION, seenAs, type Method } from './methods.ts';
import { MAX_ATTEMPTS } from './settings.ts';

/** What a round needs from its host: the booking database, and somewhere to record what happened. */
export interface RoundHost {
  sql(text: string): Promise<QueryResult>;
  note(text: string): void;
  conflict(request: number, code: string, by: RaisedBy): void;
  waited(request: number, by: RaisedBy): void;
  outcome(request: number, outcome: Outcome, attempts: number): void;
  /** Whether a booking that met a conflict tries again (a client that gives up leaves the customer a failure). */
  readonly retries: boolean;
}

export const passengerOf = (request: number) => `p${String(request).padStart(2, '0')}`;
const gidOf = (request: number) => `booking-${request}`;

/** How a booking transaction ended: written, full, a version that moved, or the SQLSTATE Postgres raised. */
type Ending = 'written' | 'full' | 'stale' | { readonly code: string };

/**
 * One booking as one transaction, ended by `end` (COMMIT, or PREPARE TRANSACTION to leave it open). It reads
 * first, unless `kept` carries what it read in an earlier transaction.
 */
async function transaction(
  host: RoundHost,
  method: Method,
  request: number,
  end: string,
  kept?: { readonly free: number; readonly version: number },
): Promise<Ending> {
  const read = kept ? undefined : method.read;
  const planned = method.write(kept ? seenAs(kept.free, kept.version) : SEEN_IN_TRANSACTION, passengerOf(request));
  const statements = [`BEGIN ISOLATION LEVEL ${method.level}`, ...(read ? [read] : []), planned.sql, end];
  const result = await host.sql(statements.map((s) => `${s};`).join('\n'));
  if (!result.ok) return { code: result.error.code };
  if ((result.results[read ? 2 : 1]?.affectedRows ?? 0) > 0) return 'written';
  const free = kept ? kept.free : read ? Number(result.results[1]?.rows[0]?.[0] ?? 0) : 0;
  return free > 0 ? planned.noRow : 'full';
}

/** Runs one request alone from its attempt `first` on, retrying conflicts while the host allows. */
async function alone(host: RoundHost, method: Method, request: number, first: number): Promise<void> {
  for (let attempt = first; ; attempt++) {
    const ending = await transaction(host, method, request, 'COMMIT');
    if (ending === 'written') return host.outcome(request, 'booked', attempt);
    if (ending === 'full') return host.outcome(request, 'refused', attempt);
    host.conflict(request, ending === 'stale' ? '0 rows' : ending.code, 'postgres');
    if (!host.retries || attempt >= MAX_ATTEMPTS) return host.outcome(request, 'failed', attempt);
  }
}

function retryAfterConflict(host: RoundHost, method: Method, request: number, code: string, by: RaisedBy): Promise<void> {
  host.conflict(request, code, by);
  if (!host.retries) {
    host.outcome(request, 'failed', 1);
    return Promise.resolve();
  }
  return alone(host, method, request, 2);
}

/** Two overlapping requests: `first` is detached with PREPARE TRANSACTION while `second` runs. */
async function together(host: RoundHost, method: Method, first: number, second: number): Promise<void> {
  const gid = gidOf(first);
  const firstEnding = await transaction(host, method, first, `PREPARE TRANSACTION '${gid}'`);
  if (firstEnding !== 'written') {
    // Nothing of the first booking is held (a prepared transaction that wrote nothing is committed at once).
    if (firstEnding === 'full') {
      await host.sql(`COMMIT PREPARED '${gid}'`);
      host.outcome(first, 'refused', 1);
    } else await alone(host, method, first, 1);
    return alone(host, method, second, 1);
  }
  host.note(`${passengerOf(first)}’s booking is written, not committed: prepared, holding its locks`);
  const commitFirst = async () => {
    await host.sql(`COMMIT PREPARED '${gid}'`);
    host.outcome(first, 'booked', 1);
  };

  if (!method.waitsOnOpenBooking) {
    // The second booking touches nothing the first holds: it runs whole, and Postgres alone decides.
    const ending = await transaction(host, method, second, 'COMMIT');
    await commitFirst();
    if (ending === 'written') return host.outcome(second, 'booked', 1);
    if (ending === 'full') return host.outcome(second, 'refused', 1);
    return retryAfterConflict(host, method, second, ending === 'stale' ? '0 rows' : ending.code, 'postgres');
  }

  // The second booking reads; its write would need what the first holds.
  const read = await host.sql(
    `BEGIN ISOLATION LEVEL ${method.level};\n${method.read ?? 'SELECT NULL AS free, NULL AS version'};\nROLLBACK;`,
  );
  if (!read.ok) {
    // A locking read met the first booking's lock: Postgres makes it wait, then it starts with fresh data.
    host.waited(second, 'postgres');
    await commitFirst();
    return alone(host, method, second, 1);
  }
  const [free, version] = read.results[1]?.rows[0] ?? [];
  if (free !== null && Number(free) <= 0) {
    await commitFirst();
    return host.outcome(second, 'refused', 1);
  }
  host.waited(second, 'lab');
  host.note(`${passengerOf(second)}’s write would wait for ${passengerOf(first)}’s lock: the lab commits ${passengerOf(first)} first`);
  await commitFirst();
  if (method.afterWait === 'serialization-failure') return retryAfterConflict(host, method, second, '40001', 'lab');
  // After the wait, the write runs on what the second booking read before it (no read of its own any more).
  const kept = free === null || free === undefined ? undefined : { free: Number(free), version: Number(version) };
  const ending = await transaction(host, method, second, 'COMMIT', kept);
  if (ending === 'written') return host.outcome(second, 'booked', 1);
  if (ending === 'full') return host.outcome(second, 'refused', 1);
  return retryAfterConflict(host, method, second, ending === 'stale' ? '0 rows' : ending.code, 'postgres');
}

export async function bookRound(host: RoundHost, method: Method, requests: readonly number[]): Promise<void> {
  const [first, second] = requests;
  if (first === undefined) return;
  if (second === undefined) return alone(host, method, first, 1);
  return together(host, method, first, second);
}
