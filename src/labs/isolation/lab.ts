/**
 * The isolation lab: a booking service (Postgres) sells the last seats of two flights to travellers whose
 * requests overlap, with one of nine methods, and the lab counts lost updates, oversold seats, retries and
 * conflicts. Two transactions cannot be open at once on one PGlite connection, so an overlapping booking is
 * detached with PREPARE TRANSACTION (see booking-round.ts).
 */
import { defineLab, type ActionSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LabDefinition } from '../sim/types.ts';
import { booking } from './booking.ts';
import bookingSql from './booking.sql?raw';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { METHODS } from './messages.ts';
import { type Isolation } from './messages.ts';
import { METHOD_LIST } from './methods.ts';
import { CAPACITY, COUNTER_FLIGHT, ROWS_FLIGHT, WORKLOAD_REQUESTS } from './settings.ts';
import { travellers } from './travellers.ts';

const setupSql = `${bookingSql}
INSERT INTO flights (id, capacity, seats_left) VALUES
  (${sqlText(COUNTER_FLIGHT)}, ${sqlInt(CAPACITY)}, ${sqlInt(CAPACITY)}),
  (${sqlText(ROWS_FLIGHT)}, ${sqlInt(CAPACITY)}, ${sqlInt(CAPACITY)});`;

/** Prepared transactions are how a second booking overlaps the first on one connection. */
export const BOOKING_DATABASE = { kind: 'postgres' as const, settings: ['max_prepared_transactions=10'], setupSql };

export const methodAction = (method: (typeof METHODS)[number]) => `method-${method}`;

const actions: readonly ActionSpec<Isolation>[] = [
  {
    id: 'run-workload',
    label: `Run the workload (${WORKLOAD_REQUESTS} requests, ${CAPACITY} seats)`,
    service: 'travellers',
    message: { type: 'run-workload' },
  },
  { id: 'two-at-once', label: 'Two bookings at once', service: 'travellers', message: { type: 'two-at-once' } },
  ...METHOD_LIST.map((m) => ({
    id: methodAction(m.id),
    label: `Method: ${m.label}`,
    service: 'travellers' as const,
    message: { type: 'use-method' as const, method: m.id },
  })),
];

export function isolationLab(): LabDefinition {
  return defineLab<Isolation>({
    id: 'isolation',
    title: 'Isolation: the last seats, two bookings at once',
    services: { travellers, booking: booking(BOOKING_DATABASE) },
    faults,
    invariants,
    measures,
    actions,
    exercises,
  });
}

export default isolationLab();
