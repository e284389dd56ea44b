/**
 * The travellers: the client side, with no database. They pick the booking method the booking service uses
 * and send the workload, one round every ROUND_GAP_MS, each round a request alone or two that overlap.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { Isolation, MethodId } from './messages.ts';
import { describeRounds, drawRounds } from './plan.ts';
import { OVERLAP_CHANCE, ROUND_GAP_MS, WORKLOAD_REQUESTS } from './settings.ts';

interface TravellersState {
  method: MethodId;
  /** Which workload this is: facts of the newest run of a method are the ones measured. */
  run: number;
  rounds: number[][];
  /** The next request number for "Two bookings at once". */
  nextRequest: number;
}

export const travellers: ServiceSpec<Isolation, 'travellers', TravellersState> = {
  label: 'Travellers',
  role: 'Send booking requests, alone or two at once; choose how the booking service books',
  initialState: () => ({ method: 'read-modify-write', run: 0, rounds: [], nextRequest: 1 }),
  on: {
    'use-method'(ctx, m) {
      ctx.state.method = m.method;
      ctx.note(`booking method: ${m.method}`);
    },
    'run-workload'(ctx) {
      const s = ctx.state;
      s.run += 1;
      // Drawn before anything else of this run, so every method meets the same rounds on the same seed.
      s.rounds = drawRounds(() => ctx.random(), WORKLOAD_REQUESTS, ctx.isFaultOn('rush') ? 1 : OVERLAP_CHANCE);
      s.nextRequest = WORKLOAD_REQUESTS + 1;
      ctx.fact({ kind: 'workload', run: s.run, method: s.method, rounds: describeRounds(s.rounds) });
      ctx.send('booking', { type: 'reset-flights', run: s.run });
      ctx.setTimer(ROUND_GAP_MS, { type: 'next-round', run: s.run, index: 0 });
    },
    'next-round'(ctx, m) {
      const s = ctx.state;
      const round = s.rounds[m.index];
      if (m.run !== s.run || !round) return;
      ctx.send('booking', { type: 'book', method: s.method, run: s.run, requests: round });
      ctx.setTimer(ROUND_GAP_MS, { type: 'next-round', run: s.run, index: m.index + 1 });
    },
    'two-at-once'(ctx) {
      const s = ctx.state;
      const first = s.nextRequest;
      s.nextRequest += 2;
      ctx.send('booking', { type: 'book', method: s.method, run: s.run, requests: [first, first + 1] });
    },
  },
};
