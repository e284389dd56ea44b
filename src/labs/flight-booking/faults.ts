/** The faults a reader can inject: a re-plan in the middle of the rush, holds that lapse too soon, ticketing gone, clients that give up. */
import type { Faults } from '../kit/define-lab.ts';
import type { FlightBooking } from './messages.ts';
import { HOLD_TTL_MS, PAY_MS, REPLAN_EDITS_AT, SHORT_HOLD_TTL_MS } from './settings.ts';

export const faults: Faults<FlightBooking> = {
  'replan-mid-rush': {
    label: `Schedule change mid-rush: ${REPLAN_EDITS_AT.length} more edits`,
    description: `In the next workload, the planners re-plan DS303 at the peak of the rush, ${REPLAN_EDITS_AT.length} more schedule edits 30 ms apart. In the one-flight model each edit saves the same row as the bookings.`,
    service: 'passengers',
  },
  'short-holds': {
    label: `Short holds: ${SHORT_HOLD_TTL_MS} ms`,
    description: `A seat hold lapses after ${SHORT_HOLD_TTL_MS} ms instead of ${HOLD_TTL_MS.toLocaleString('en')} ms, less than the ${PAY_MS} ms a passenger takes to pay: passengers of the small model are told their hold expired.`,
    service: 'reservations',
  },
  'ticketing-down': {
    label: 'Ticketing down',
    description:
      'Nothing gets through between reservations and ticketing. Bookings still commit, with their BookingCreated event in the outbox; the relay sends it again until ticketing is back.',
    service: 'ticketing',
    network: { kind: 'partition', between: ['reservations', 'ticketing'] },
  },
  'no-retries': {
    label: 'Clients give up at the first conflict',
    description: 'A save that matched 0 rows is not tried again: the passenger (or planner) is told it failed.',
    service: 'reservations',
  },
};
