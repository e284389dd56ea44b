/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import { PAGE_NAMES } from './browser.ts';
import type { MeasureSpec } from '../kit/define-lab.ts';
import { callFigures, pageFigures, projectionLags } from './figures.ts';
import type { ApiComposition } from './messages.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;
export const WAY_LABEL = { composer: 'composer', 'read-model': 'read model' } as const;

export const measures: readonly MeasureSpec<ApiComposition>[] = [
  {
    id: 'pages',
    label: 'Each page, both ways: answer time, rows moved to build it, result',
    measure(facts) {
      const pages = pageFigures(facts);
      if (pages.length === 0) return { summary: 'Open a page: it is asked for both ways at the same moment.', rows: [] };
      const last = pages.slice(-8);
      return {
        summary: last
          .slice(-2)
          .map((p) => `${WAY_LABEL[p.way]}: ${ms(p.latencyMs)}, ${p.rowsMoved} rows moved, ${p.outcome}`)
          .join('; ')
          .concat('.'),
        rows: last.map((p) => ({
          page: PAGE_NAMES[p.page],
          'served by': WAY_LABEL[p.way],
          'answer after': ms(p.latencyMs),
          'rows moved': p.rowsMoved,
          result: p.outcome === 'partial' ? `partial (no ${p.missing.join(', ')})` : p.outcome,
          'changes behind': p.way === 'read-model' ? p.behind : '',
        })),
      };
    },
  },
  {
    id: 'calls',
    label: 'The composer’s calls to each service, and its circuit breakers',
    measure(facts) {
      const figures = callFigures(facts);
      return {
        summary:
          figures
            .map((f) => `${f.service}: ${f.answered} answered, ${f.timedOut} timed out, ${f.shortCircuited} refused; breaker ${f.breaker}`)
            .join('; ') + '.',
        rows: figures.map((f) => ({
          service: f.service,
          answered: f.answered,
          'timed out': f.timedOut,
          'refused by breaker': f.shortCircuited,
          'rows received': f.rows,
          breaker: f.breaker,
        })),
      };
    },
  },
  {
    id: 'projection',
    label: 'The read model: from a change’s commit to its projection',
    measure(facts) {
      const lags = projectionLags(facts);
      const done = lags.filter((l): l is number => l !== undefined);
      if (lags.length === 0) return { summary: 'No change yet: rename a customer or settle a payment.', rows: [] };
      const max = done.reduce((m, l) => Math.max(m, l), 0);
      return {
        summary: `${lags.length} change${lags.length === 1 ? '' : 's'}: ${done.length} projected, at worst ${ms(max)} after commit${lags.length > done.length ? `; ${lags.length - done.length} still waiting` : ''}.`,
        rows: [
          { figure: 'changes committed', value: lags.length },
          { figure: 'projected', value: done.length },
          { figure: 'slowest projection', value: ms(max) },
        ],
      };
    },
  },
];
