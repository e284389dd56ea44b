/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { codePaths, crashFigures, feedFigures, lateFigures, nightlyFigures, replayFigures, syncFigures } from './figures.ts';
import type { Feed, FeedsLab, Logic } from './messages.ts';

const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;

export function feedLabel(feed: Feed, logic: Logic | undefined): string {
  if (feed === 'batch') return 'Nightly batch';
  if (feed === 'lambda') return 'Lambda (speed layer + nightly overwrite)';
  return logic === 'v2' ? 'Kappa: stream after replaying v2' : 'Change stream (v1)';
}

export const measures: readonly MeasureSpec<FeedsLab>[] = [
  {
    id: 'feeds',
    label:
      'Each report against the ticket service at the same moment: how far its newest fact lags, and tickets it was off by on the days already over',
    measure(facts) {
      const figures = feedFigures(facts);
      if (figures.length === 0) return { summary: 'The analyst has not read the reports yet.', rows: [] };
      return {
        summary: figures
          .map(
            (f) =>
              `${feedLabel(f.feed, f.logic)}: newest fact ${ms(f.freshnessP50Ms)} behind the source (median), off by ${f.errorLast} at the last read`,
          )
          .join('; '),
        rows: figures.map((f) => ({
          feed: feedLabel(f.feed, f.logic),
          reads: f.reads,
          'freshness p50 / max': `${Math.round(f.freshnessP50Ms).toLocaleString('en')} / ${ms(f.freshnessMaxMs)}`,
          'off by (last / worst)': `${f.errorLast} / ${f.errorMax}`,
        })),
      };
    },
  },
  {
    id: 'late',
    label: 'Late events: changes that arrived after their day’s window had closed',
    measure(facts) {
      const late = lateFigures(facts);
      return {
        summary:
          late.length === 0
            ? 'No change has arrived after its window closed.'
            : late.map((l) => `${l.table}: ${l.dropped} dropped, ${l.restated} counted into their day`).join('; '),
        rows: late.map((l) => ({ table: l.table, dropped: l.dropped, 'counted into their day': l.restated })),
      };
    },
  },
  {
    id: 'reprocessing',
    label: 'Reprocessing: the nightly recompute, Lambda’s corrections, and a Kappa replay (engine time measured)',
    measure(facts) {
      const n = nightlyFigures(facts);
      const r = replayFigures(facts);
      const rows: Record<string, string | number>[] = n.lambdaCorrections.map((c, i) => ({
        what: `night ${i + 1}: speed layer corrected`,
        value: `${c.tickets} ticket${c.tickets === 1 ? '' : 's'} on ${c.cells} figure${c.cells === 1 ? '' : 's'}`,
      }));
      rows.push({ what: 'tickets copied and recounted by the last night', value: n.lastTickets });
      if (r.started)
        rows.push({
          what: `replay of ${r.changes} changes in ${r.batches} batches`,
          value: r.virtualMs === undefined ? 'running' : `${ms(r.engineMs)} engine, ${ms(r.virtualMs)} lab time`,
        });
      return {
        summary: `${n.nights} nightly runs; the speed layer was corrected by ${n.lambdaTicketsCorrected} tickets in all.${r.virtualMs === undefined ? '' : ` Replay: ${r.changes} changes, ${ms(r.engineMs)} of engine time.`}`,
        rows,
      };
    },
  },
  {
    id: 'code-paths',
    label: 'Code paths that wrote each report table',
    measure(facts) {
      const paths = [...codePaths(facts)];
      return {
        summary: paths.length === 0 ? 'Nothing written yet.' : paths.map(([t, p]) => `${t}: ${p.length}`).join('; '),
        rows: paths.map(([table, p]) => ({ table, paths: p.length, which: p.join(', ') })),
      };
    },
  },
  {
    id: 'reverse-etl',
    label: 'Reverse ETL: scores pushed to the customer service, and scores a form saved over',
    measure(facts) {
      const s = syncFigures(facts);
      const c = crashFigures(facts);
      return {
        summary: `${s.pushes} pushes (${s.modes.join(', ') || 'none yet'}); ${s.reverted} score${s.reverted === 1 ? '' : 's'} overwritten by the customer form. Stream job crashes: ${c.crashes}.`,
        rows: [
          { figure: 'score pushes', value: s.pushes },
          { figure: 'scores overwritten by the form', value: s.reverted },
          { figure: 'stream job crashes', value: c.crashes },
          { figure: 'resumed from offsets', value: c.resumed.join(', ') || '–' },
        ],
      };
    },
  },
];
