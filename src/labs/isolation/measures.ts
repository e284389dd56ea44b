/** What the Measured panel shows: per method, from the newest workload run of it (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { methodFigures } from './figures.ts';
import type { Isolation } from './messages.ts';

export const measures: readonly MeasureSpec<Isolation>[] = [
  {
    id: 'per-method',
    label: 'Per booking method: seats sold, lost updates, oversold seats, retries and conflicts',
    measure(facts) {
      const figures = methodFigures(facts);
      if (figures.length === 0) return { summary: 'Pick a method and run the workload.', rows: [] };
      return {
        summary: figures
          .map((f) => `${f.method}: ${f.booked} booked, ${f.oversold} oversold, ${f.lostUpdates} lost updates, ${f.retries} retries`)
          .join('; '),
        rows: figures.map((f) => ({
          method: f.method,
          'booked / refused / failed': `${f.booked} / ${f.refused} / ${f.failed}`,
          oversold: f.oversold,
          'lost updates': f.lostUpdates,
          retries: f.retries,
          waits: f.waits,
          conflicts: f.conflicts || 'none',
          'by the lab': f.byLab,
        })),
      };
    },
  },
];
