/** The figures of one workload run per model, computed from the facts the services recorded. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { FlightFact, Model } from './messages.ts';

export interface ModelFigures {
  readonly model: Model;
  readonly passengers: number;
  readonly booked: number;
  readonly soldOut: number;
  /** What a customer saw go wrong: a booking that gave up after conflicts, a hold that lapsed while paying. */
  readonly failed: number;
  readonly holdExpired: number;
  /** Saves Postgres refused as stale (0 rows), bookings and schedule edits together. */
  readonly conflicts: number;
  /** Saves that matched, so conflicts / (conflicts + saves) is the share of writes that lost a race. */
  readonly saves: number;
  readonly editsFailed: number;
  /** Bookings completed per simulated second, from the first arrival to the last booking. */
  readonly perSecond: number;
  readonly bumped: number;
  readonly apologies: number;
  /** Seats flown empty: the aircraft's seats minus those who boarded. */
  readonly emptySeats: number;
  readonly ticketed: number;
  /** The longest a BookingCreated event waited between commit and ticket, in virtual ms. */
  readonly longestTicketWaitMs: number;
}

/** Facts of one run: from its workload fact to the next one. */
function runs(facts: readonly RecordedFact<FlightFact>[]) {
  const out: { model: Model; facts: RecordedFact<FlightFact>[] }[] = [];
  for (const f of facts) {
    if (f.fact.kind === 'workload') out.push({ model: f.fact.model, facts: [] });
    else out.at(-1)?.facts.push(f);
  }
  return out;
}

export function figuresOf(model: Model, facts: readonly RecordedFact<FlightFact>[], seats: number): ModelFigures {
  const of = <K extends FlightFact['kind']>(kind: K) =>
    facts.flatMap((f) => (f.fact.kind === kind ? [{ at: f.at, fact: f.fact as Extract<FlightFact, { kind: K }> }] : []));
  const outcomes = of('outcome');
  const booked = outcomes.filter((o) => o.fact.outcome === 'booked');
  const firstArrival = of('arrived')[0]?.at ?? 0;
  const lastBooked = booked.at(-1)?.at ?? firstArrival;
  const departed = of('departed').at(-1)?.fact;
  const tickets = of('ticketed');
  return {
    model,
    passengers: of('arrived').length,
    booked: booked.length,
    soldOut: outcomes.filter((o) => o.fact.outcome === 'sold-out').length,
    failed: outcomes.filter((o) => o.fact.outcome === 'failed').length,
    holdExpired: outcomes.filter((o) => o.fact.outcome === 'hold-expired').length,
    conflicts: of('conflict').length,
    saves: of('saved').filter((s) => s.fact.what !== 'hold').length,
    editsFailed: of('edit-failed').length,
    perSecond: lastBooked > firstArrival ? Math.round((booked.length * 10_000) / (lastBooked - firstArrival)) / 10 : 0,
    bumped: departed?.bumped ?? 0,
    apologies: departed?.apologies ?? 0,
    emptySeats: departed ? seats - departed.boarded : 0,
    ticketed: tickets.length,
    longestTicketWaitMs: Math.max(0, ...tickets.map((t) => t.fact.waitedMs)),
  };
}

/** The newest run of each model the facts hold. */
export function modelFigures(facts: readonly RecordedFact<FlightFact>[], seats: number): ModelFigures[] {
  const newest = new Map<Model, RecordedFact<FlightFact>[]>();
  for (const run of runs(facts)) newest.set(run.model, run.facts);
  return [...newest].map(([model, mine]) => figuresOf(model, mine, seats));
}

export const conflictRate = (f: Pick<ModelFigures, 'conflicts' | 'saves'>) =>
  f.conflicts + f.saves > 0 ? Math.round((100 * f.conflicts) / (f.conflicts + f.saves)) : 0;
export const modelLabel = (model: Model) => (model === 'one-flight' ? 'One flight aggregate' : 'Small aggregates + holds');
