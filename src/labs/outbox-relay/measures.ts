/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { pipelineFigures } from './figures.ts';
import { PIPELINE_LABEL, type OutboxRelay } from './messages.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const measures: readonly MeasureSpec<OutboxRelay>[] = [
  {
    id: 'pipelines',
    label: 'Each pipeline on the same changes: lost, phantom, duplicated, how late, and what it cost the ticket database',
    measure(facts) {
      const figures = pipelineFigures(facts);
      const committed = figures[0]?.committed ?? 0;
      if (committed === 0) return { summary: 'No change has been committed yet.', rows: [] };
      const bad = figures.filter((f) => f.wrongAtEnd > 0 || f.phantoms > 0);
      return {
        summary: `${committed} changes committed. ${
          bad.length === 0
            ? 'Every pipeline’s copies match the tickets so far.'
            : `Wrong downstream: ${bad.map((f) => `${PIPELINE_LABEL[f.pipeline]} (${f.wrongAtEnd} tickets${f.phantoms > 0 ? `, ${f.phantoms} phantom` : ''})`).join('; ')}.`
        }`,
        rows: figures.map((f) => ({
          pipeline: PIPELINE_LABEL[f.pipeline],
          delivered: `${f.delivered} of ${f.committed}`,
          'tickets wrong': f.wrongAtEnd,
          phantoms: f.phantoms,
          duplicates: f.duplicates,
          'latency p50 / max': `${f.latencyP50Ms.toLocaleString('en')} / ${ms(f.latencyMaxMs)}`,
          'queries on source': f.sourceQueries,
        })),
      };
    },
  },
];
