/** What the Measured panel shows: per model, from the newest workload run of it (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { conflictRate, modelFigures, modelLabel } from './figures.ts';
import type { FlightBooking } from './messages.ts';
import { SEATS } from './settings.ts';

export const measures: readonly MeasureSpec<FlightBooking>[] = [
  {
    id: 'per-model',
    label: 'Per model: bookings, conflicts, throughput, failures seen by customers, bumped passengers and apologies',
    measure(facts) {
      const figures = modelFigures(facts, SEATS);
      if (figures.length === 0) return { summary: 'Pick a model and run the workload.', rows: [] };
      return {
        summary: figures
          .map((f) => `${modelLabel(f.model)}: ${f.booked} booked, ${f.conflicts} conflicts, ${f.perSecond}/s, ${f.apologies} apologies`)
          .join('; '),
        rows: figures.map((f) => ({
          model: modelLabel(f.model),
          'booked / sold out': `${f.booked} / ${f.soldOut}`,
          'conflicts (rate)': `${f.conflicts} (${conflictRate(f)} %)`,
          'bookings / s': f.perSecond,
          'customer-visible failures': f.failed + f.holdExpired + f.editsFailed,
          'bumped / apologies': `${f.bumped} / ${f.apologies}`,
          'empty seats flown': f.emptySeats,
          tickets: f.ticketed,
        })),
      };
    },
  },
];
