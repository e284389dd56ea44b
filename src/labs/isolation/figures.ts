/** The figures of one workload run per method, computed from the facts the booking service recorded. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { IsolationFact, MethodId } from './messages.ts';
import { COUNTER_FLIGHT } from './settings.ts';

export interface MethodFigures {
  readonly method: MethodId;
  readonly requests: number;
  readonly booked: number;
  readonly refused: number;
  /** Customers told their booking failed: a conflict the client did not, or could no longer, retry. */
  readonly failed: number;
  /** Booking rows beyond the flight's seats. */
  readonly oversold: number;
  /** Bookings the counter forgot: booking rows minus seats the counter says are gone (counter flight only). */
  readonly lostUpdates: number;
  readonly retries: number;
  readonly waits: number;
  /** Conflicts by SQLSTATE (`0 rows` for a version check that matched nothing), e.g. "40001 × 2". */
  readonly conflicts: string;
  /** How many of the conflicts and waits the lab stood in for, where one connection could not wait. */
  readonly byLab: number;
}

const count = (codes: readonly string[]) => {
  const tally = new Map<string, number>();
  for (const code of codes) tally.set(code, (tally.get(code) ?? 0) + 1);
  return [...tally].map(([code, n]) => `${code} × ${n}`).join(', ');
};

/** The newest run of each method the facts hold, in the order the methods were run. */
export function methodFigures(facts: readonly RecordedFact<IsolationFact>[]): MethodFigures[] {
  const newest = new Map<MethodId, number>();
  for (const { fact } of facts) if (fact.kind === 'workload') newest.set(fact.method, fact.run);
  return [...newest].map(([method, run]) => {
    const mine = facts.map((f) => f.fact).filter((f) => f.run === run && f.method === method);
    const outcomes = mine.flatMap((f) => (f.kind === 'outcome' ? [f] : []));
    const conflicts = mine.flatMap((f) => (f.kind === 'conflict' ? [f] : []));
    const waits = mine.flatMap((f) => (f.kind === 'waited' ? [f] : []));
    const flight = mine.flatMap((f) => (f.kind === 'flight' ? [f] : [])).at(-1);
    const booked = flight?.booked ?? 0;
    const capacity = flight?.capacity ?? 0;
    return {
      method,
      requests: outcomes.length,
      booked: outcomes.filter((o) => o.outcome === 'booked').length,
      refused: outcomes.filter((o) => o.outcome === 'refused').length,
      failed: outcomes.filter((o) => o.outcome === 'failed').length,
      oversold: Math.max(0, booked - capacity),
      lostUpdates: flight?.flight === COUNTER_FLIGHT ? booked - (capacity - flight.seatsLeft) : 0,
      retries: outcomes.reduce((n, o) => n + o.attempts - 1, 0),
      waits: waits.length,
      conflicts: count(conflicts.map((c) => c.code)),
      byLab: conflicts.filter((c) => c.by === 'lab').length + waits.filter((w) => w.by === 'lab').length,
    };
  });
}
