/**
 * A circuit breaker for one service, as a pure state machine. Closed, it lets calls through and counts
 * failures in a row; at the threshold it opens, and calls fail at once without reaching the service.
 * After a cool-down it is half-open: one trial call goes through, and its outcome closes or reopens it.
 */
import type { BreakerState } from './messages.ts';
import { BREAKER_THRESHOLD } from './settings.ts';

export interface Breaker {
  readonly state: BreakerState;
  readonly failures: number;
  readonly openedAt: number;
  /** Half-open, with its one trial call in flight: further calls are refused until it settles. */
  readonly trial: boolean;
}

export const CLOSED: Breaker = { state: 'closed', failures: 0, openedAt: 0, trial: false };

/** Whether a call may go through now, and the breaker after letting it. */
export function admit(b: Breaker): { readonly admitted: boolean; readonly breaker: Breaker } {
  if (b.state === 'closed') return { admitted: true, breaker: b };
  if (b.state === 'half-open' && !b.trial) return { admitted: true, breaker: { ...b, trial: true } };
  return { admitted: false, breaker: b };
}

export function succeeded(b: Breaker): Breaker {
  return b.state === 'open' ? b : CLOSED;
}

export function failed(b: Breaker, now: number): Breaker {
  if (b.state === 'half-open') return { state: 'open', failures: b.failures + 1, openedAt: now, trial: false };
  if (b.state === 'open') return b;
  const failures = b.failures + 1;
  return failures >= BREAKER_THRESHOLD ? { state: 'open', failures, openedAt: now, trial: false } : { ...b, failures };
}

/** The cool-down of the opening at `openedAt` is over; a breaker opened again since waits for its own. */
export function coolDownOver(b: Breaker, openedAt: number): Breaker {
  return b.state === 'open' && b.openedAt === openedAt ? { ...b, state: 'half-open', trial: false } : b;
}
