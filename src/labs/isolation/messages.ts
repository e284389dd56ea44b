/** What the isolation lab's two services say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/**
 * The nine ways to book a seat the lab compares. The first five book on the counter flight (one row holds the
 * free seats); the last four on the rows flight (free seats are counted from the booking rows).
 */
export const METHODS = [
  'read-modify-write',
  'for-update',
  'atomic-update',
  'version-check',
  'repeatable-read',
  'check-then-insert',
  'check-then-insert-rr',
  'serializable',
  'unique-seat',
] as const;
export type MethodId = (typeof METHODS)[number];

export type Outcome = 'booked' | 'refused' | 'failed';
/** Who raised a conflict: Postgres itself, or the lab standing in for a wait one connection cannot make. */
export type RaisedBy = 'postgres' | 'lab';

// To the travellers (the client side, no database).
export type UseMethod = { readonly type: 'use-method'; readonly method: MethodId };
export type RunWorkload = { readonly type: 'run-workload' };
export type TwoAtOnce = { readonly type: 'two-at-once' };
export type NextRound = { readonly type: 'next-round'; readonly run: number; readonly index: number };

// To the booking service (Postgres).
export type ResetFlights = { readonly type: 'reset-flights'; readonly run: number };
/** One request alone, or two whose transactions overlap: the first is still open when the second starts. */
export type Book = { readonly type: 'book'; readonly method: MethodId; readonly run: number; readonly requests: readonly number[] };

export type IsolationFact =
  | { readonly kind: 'workload'; readonly run: number; readonly method: MethodId; readonly rounds: string }
  | {
      readonly kind: 'outcome';
      readonly run: number;
      readonly method: MethodId;
      readonly request: number;
      readonly outcome: Outcome;
      readonly attempts: number;
    }
  | {
      readonly kind: 'conflict';
      readonly run: number;
      readonly method: MethodId;
      readonly request: number;
      /** A SQLSTATE, or `0 rows` when a version check matched nothing. */
      readonly code: string;
      readonly by: RaisedBy;
    }
  | { readonly kind: 'waited'; readonly run: number; readonly method: MethodId; readonly request: number; readonly by: RaisedBy }
  | {
      readonly kind: 'flight';
      readonly run: number;
      readonly method: MethodId;
      readonly flight: string;
      readonly capacity: number;
      readonly seatsLeft: number;
      readonly booked: number;
    };

export interface Isolation extends LabTypes {
  readonly inbox: {
    readonly travellers: UseMethod | RunWorkload | TwoAtOnce | NextRound;
    readonly booking: ResetFlights | Book;
  };
  readonly faults: 'rush' | 'no-retries';
  readonly facts: IsolationFact;
}
