/**
 * The flight-booking lab: a rush of passengers books the last seats of DS303 while planners move its
 * departure. The reservations service (Postgres) draws the transactional boundary one of two ways: the whole
 * flight as one aggregate under one version, or small aggregates (a seat hold, a booking, the schedule) with
 * holds that lapse, overbooking up to a limit and an apology at the gate. Ticketing (Postgres) is another
 * bounded context: it receives BookingCreated and keeps its own kind of "booking", a ticket.
 */
import { defineLab, type ActionSpec } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { FLIGHT_DATA_SQL } from './gate.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import { MODELS, type FlightBooking, type Model } from './messages.ts';
import { passengers } from './passengers.ts';
import { reservations, type ModelOptions } from './reservations.ts';
import reservationsSql from './reservations.sql?raw';
import { PASSENGERS, SEATS } from './settings.ts';
import { ticketing } from './ticketing.ts';

/** Prepared transactions are how the holds of one tick overlap on one connection. */
export const RESERVATIONS_DATABASE = {
  kind: 'postgres' as const,
  settings: ['max_prepared_transactions=20'],
  setupSql: `${reservationsSql}\n${FLIGHT_DATA_SQL}`,
};

export const modelAction = (model: Model) => `model-${model}`;

const actions: readonly ActionSpec<FlightBooking>[] = [
  {
    id: 'run-workload',
    label: `Run the workload (${PASSENGERS} passengers, ${SEATS} seats)`,
    service: 'passengers',
    message: { type: 'run-workload' },
  },
  ...MODELS.map((model) => ({
    id: modelAction(model),
    label: model === 'one-flight' ? 'Model: one flight aggregate' : 'Model: small aggregates and holds',
    service: 'passengers' as const,
    message: { type: 'use-model' as const, model },
  })),
];

export const CORRECT: ModelOptions = { versionCheck: true, holdsExpire: true };

export function flightBookingLab(options: ModelOptions = CORRECT): LabDefinition {
  return defineLab<FlightBooking>({
    id: 'flight-booking',
    title: 'Aggregate size: one flight, or small holds and an apology',
    services: { passengers, reservations: reservations(RESERVATIONS_DATABASE, options), ticketing },
    faults,
    invariants,
    measures,
    actions,
    exercises,
  });
}

export default flightBookingLab();
