/**
 * The passengers and the airline's planners: the client side, with no database. "Run the workload" draws the
 * rush from the seed (who arrives when, who leaves before paying, who will not show at the gate), then plays
 * it against the model the reservations service uses, with the planners' schedule edits in the middle.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { FlightBooking, Model } from './messages.ts';
import { DEPART_AFTER_MS, PAY_MS, REPLAN_EDITS_AT, SCHEDULE_EDITS_AT } from './settings.ts';
import { departsAt, drawPassengers, passengerId, type PlannedPassenger } from './workload.ts';

/** Time for the reset to land before the first passenger does. */
const START_DELAY_MS = 50;

interface PassengersState {
  model: Model;
  run: number;
  plan: PlannedPassenger[];
}

const describe = (plan: readonly PlannedPassenger[]) =>
  `${plan.length} passengers in ${Math.max(...plan.map((p) => p.arrivesAt)) + 1} ms; ${plan.filter((p) => p.abandons).length} leave before paying, ${plan.filter((p) => p.noShow).length} would not show`;

export const passengers: ServiceSpec<FlightBooking, 'passengers', PassengersState> = {
  label: 'Passengers and planners',
  role: 'A rush of passengers booking DS303, and planners moving its departure in the middle of it',
  initialState: () => ({ model: 'one-flight', run: 0, plan: [] }),
  on: {
    'use-model'(ctx, m) {
      ctx.state.model = m.model;
      ctx.note(`model: ${m.model === 'one-flight' ? 'one flight aggregate' : 'small aggregates'}`);
    },
    'run-workload'(ctx) {
      const s = ctx.state;
      s.run += 1;
      // Drawn before anything else of this run, so that both models meet the same passengers on the same seed.
      s.plan = drawPassengers(() => ctx.random());
      ctx.fact({ kind: 'workload', run: s.run, model: s.model, plan: describe(s.plan) });
      ctx.send('reservations', { type: 'reset', run: s.run, model: s.model });
      for (const p of s.plan) ctx.setTimer(START_DELAY_MS + p.arrivesAt, { type: 'arrive', run: s.run, passenger: p.number });
      const edits = [...SCHEDULE_EDITS_AT, ...(ctx.isFaultOn('replan-mid-rush') ? REPLAN_EDITS_AT : [])].sort((a, b) => a - b);
      for (const [i, at] of edits.entries()) ctx.setTimer(START_DELAY_MS + at, { type: 'replan', run: s.run, edit: i + 1 });
      ctx.setTimer(START_DELAY_MS + DEPART_AFTER_MS, { type: 'gate-closes', run: s.run });
    },
    arrive(ctx, m) {
      if (m.run !== ctx.state.run) return;
      ctx.fact({ kind: 'arrived', run: m.run, passenger: m.passenger });
      // The small model holds a seat while the passenger pays; the one-flight model books once they have paid.
      if (ctx.state.model === 'small') ctx.send('reservations', { type: 'hold', run: m.run, passenger: m.passenger });
      else ctx.setTimer(PAY_MS, { type: 'pay', run: m.run, passenger: m.passenger });
    },
    held(ctx, m) {
      if (m.run === ctx.state.run) ctx.setTimer(PAY_MS, { type: 'pay', run: m.run, passenger: m.passenger });
    },
    pay(ctx, m) {
      if (m.run !== ctx.state.run) return;
      if (ctx.state.plan[m.passenger - 1]?.abandons) return ctx.note(`${passengerId(m.passenger)} leaves without paying`);
      ctx.send('reservations', { type: 'book', run: m.run, passenger: m.passenger });
    },
    replan(ctx, m) {
      if (m.run === ctx.state.run)
        ctx.send('reservations', { type: 'edit-schedule', run: m.run, edit: m.edit, departsAt: departsAt(m.edit) });
    },
    'gate-closes'(ctx, m) {
      if (m.run !== ctx.state.run) return;
      const noShows = ctx.state.plan.filter((p) => p.noShow).map((p) => passengerId(p.number));
      ctx.send('reservations', { type: 'depart', run: m.run, noShows });
    },
    answer(ctx, m) {
      if (m.run === ctx.state.run) ctx.fact({ kind: 'outcome', run: m.run, passenger: m.passenger, outcome: m.outcome });
    },
  },
};
