/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import { PAGE_SHORT } from './browser.ts';
import { result } from './comparison-table.ts';
import { plural } from './owning-service.ts';
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
          .map((p) => `${WAY_LABEL[p.way]}: ${ms(p.latencyMs)}, ${plural(p.rowsMoved, 'row')} moved, ${result(p)}`)
          .join('; ')
          .concat('.'),
        rows: last.map((p) => ({
          page: PAGE_SHORT[p.page],
          way: WAY_LABEL[p.way],
          after: ms(p.latencyMs),
          rows: p.rowsMoved,
          result: result(p),
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
            .map((f) => {
              const failures = [f.timedOut > 0 ? `${f.timedOut} timed out` : '', f.shortCircuited > 0 ? `${f.shortCircuited} refused` : ''];
              const breaker = f.breaker === 'closed' ? '' : `breaker ${f.breaker}`;
              return [`${f.service}: ${f.answered} answered`, ...failures, breaker].filter(Boolean).join(', ');
            })
            .join('; ') + '.',
        rows: figures.map((f) => ({
          service: f.service,
          answered: f.answered,
          'timed out': f.timedOut,
          refused: f.shortCircuited,
          rows: f.rows,
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
