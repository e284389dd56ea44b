/** What the flight-booking lab's services say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/**
 * The two ways to draw the transactional boundary. `one-flight`: the flight is one aggregate (schedule, seat
 * count and bookings) saved under one version. `small`: a seat hold, a booking and the schedule are
 * aggregates of their own.
 */
export const MODELS = ['one-flight', 'small'] as const;
export type Model = (typeof MODELS)[number];

/** What the passenger finally heard. */
export type Outcome = 'booked' | 'sold-out' | 'failed' | 'hold-expired';

/** The event reservations publishes, in the reservations context's words. */
export interface BookingCreated {
  readonly eventId: number;
  readonly bookingId: string;
  readonly passenger: string;
  readonly flight: string;
  readonly departsAt: string;
  /** When reservations committed the booking, so that ticketing can say how long the event waited. */
  readonly bookedAt: number;
}

// To the passengers (the client side and the airline's planners, no database).
export type UseModel = { readonly type: 'use-model'; readonly model: Model };
export type RunWorkload = { readonly type: 'run-workload' };
export type Arrive = { readonly type: 'arrive'; readonly run: number; readonly passenger: number };
export type Pay = { readonly type: 'pay'; readonly run: number; readonly passenger: number };
export type Replan = { readonly type: 'replan'; readonly run: number; readonly edit: number };
export type GateCloses = { readonly type: 'gate-closes'; readonly run: number };
export type Held = { readonly type: 'held'; readonly run: number; readonly passenger: number };
export type Answer = { readonly type: 'answer'; readonly run: number; readonly passenger: number; readonly outcome: Outcome };

// To the reservations service (Postgres).
export type Reset = { readonly type: 'reset'; readonly run: number; readonly model: Model };
/** One-flight model: book a seat on the flight aggregate. Small model: confirm the passenger's hold. */
export type Book = { readonly type: 'book'; readonly run: number; readonly passenger: number };
/** Small model only: hold a seat while the passenger pays. */
export type Hold = { readonly type: 'hold'; readonly run: number; readonly passenger: number };
export type EditSchedule = { readonly type: 'edit-schedule'; readonly run: number; readonly edit: number; readonly departsAt: string };
export type Tick = { readonly type: 'tick' };
export type ExpireHold = { readonly type: 'expire-hold'; readonly run: number; readonly passenger: number };
export type Depart = { readonly type: 'depart'; readonly run: number; readonly noShows: readonly string[] };
export type Relay = { readonly type: 'relay' };
export type Ack = { readonly type: 'ack'; readonly eventId: number };

// To ticketing (Postgres).
export type BookingCreatedMessage = { readonly type: 'booking-created'; readonly event: BookingCreated };

export type FlightFact =
  | { readonly kind: 'workload'; readonly run: number; readonly model: Model; readonly plan: string }
  | { readonly kind: 'arrived'; readonly run: number; readonly passenger: number }
  /** A write that Postgres refused as stale: a version check that matched 0 rows. */
  | { readonly kind: 'conflict'; readonly run: number; readonly what: 'booking' | 'schedule'; readonly attempt: number }
  | { readonly kind: 'saved'; readonly run: number; readonly what: 'booking' | 'schedule' | 'hold'; readonly attempt: number }
  | { readonly kind: 'outcome'; readonly run: number; readonly passenger: number; readonly outcome: Outcome }
  | { readonly kind: 'edit-failed'; readonly run: number; readonly edit: number }
  | { readonly kind: 'hold-expired'; readonly run: number; readonly passenger: number }
  | {
      readonly kind: 'departed';
      readonly run: number;
      readonly booked: number;
      readonly boarded: number;
      readonly noShows: number;
      readonly bumped: number;
      readonly apologies: number;
    }
  | { readonly kind: 'ticketed'; readonly bookingId: string; readonly waitedMs: number };

export interface FlightBooking extends LabTypes {
  readonly inbox: {
    readonly passengers: UseModel | RunWorkload | Arrive | Pay | Replan | GateCloses | Held | Answer;
    readonly reservations: Reset | Book | Hold | EditSchedule | Tick | ExpireHold | Depart | Relay | Ack;
    readonly ticketing: BookingCreatedMessage;
  };
  readonly faults: 'replan-mid-rush' | 'short-holds' | 'ticketing-down' | 'no-retries';
  readonly facts: FlightFact;
}
