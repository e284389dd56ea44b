/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { badTickets, layoutFigures, planChanges, reportFigures, runFigures } from './figures.ts';
import type { WarehouseLab } from './messages.ts';
import { showCounts } from './queries.ts';
import { dayOf } from './settings.ts';

export const measures: readonly MeasureSpec<WarehouseLab>[] = [
  {
    id: 'reports',
    label: 'Tickets by plan at each run: type 1 and type 2 dimensions against the operational truth',
    measure(facts) {
      const reports = reportFigures(facts);
      const changes = planChanges(facts);
      if (reports.length === 0) return { summary: 'No model run has been reported yet.', rows: [] };
      const last = reports.at(-1);
      return {
        summary: `${changes.length} customer${changes.length === 1 ? '' : 's'} changed plan. At run ${last?.run ?? 0}, type 1 is off by ${last?.type1Off ?? 0} ticket${last?.type1Off === 1 ? '' : 's'}, type 2 by ${last?.type2Off ?? 0}.`,
        rows: reports.map((r) => ({
          run: `${r.run} (day ${dayOf(r.at)})`,
          truth: showCounts(r.truth),
          'type 1': showCounts(r.type1),
          'type 2': showCounts(r.type2),
          'off by (type 1 / type 2)': `${r.type1Off} / ${r.type2Off}`,
        })),
      };
    },
  },
  {
    id: 'quality',
    label: 'Bronze to silver: duplicates removed and rows rejected by the data-quality tests, per run',
    measure(facts) {
      const runs = runFigures(facts);
      const bad = badTickets(facts);
      return {
        summary:
          runs.length === 0
            ? 'No model run yet.'
            : `${bad.total} bad ticket${bad.total === 1 ? '' : 's'} sent; at the last run ${runs.at(-1)?.duplicatesRemoved ?? 0} duplicates removed and ${Object.values(runs.at(-1)?.rejected ?? {}).reduce((s, n) => s + n, 0)} rows rejected.`,
        rows: runs.map((r) => ({
          run: r.run,
          'bronze rows': r.bronzeRows,
          'duplicates removed': r.duplicatesRemoved,
          'rejected: not_null_customer': r.rejected['not_null_customer'] ?? 0,
          'rejected: known_customer': r.rejected['known_customer'] ?? 0,
        })),
      };
    },
  },
  {
    id: 'runs',
    label: 'Model runs: the order the runner used, and the rows each model built',
    measure(facts) {
      const runs = runFigures(facts);
      return {
        summary:
          runs.length === 0
            ? 'No model run yet.'
            : runs.map((r) => `run ${r.run}: ${r.failed ? `stopped at ${r.failed}` : `${r.order.length} models`}`).join('; '),
        rows: runs.map((r) => ({
          run: r.run,
          order: r.order.map((m) => m.replace(/^(silver|gold)\./, '')).join(' → '),
          'silver.tickets rows': r.rows['silver.tickets'] ?? 0,
          'gold.fct_tickets rows': r.rows['gold.fct_tickets'] ?? 0,
          failed: r.failed ?? '–',
        })),
      };
    },
  },
  {
    id: 'layouts',
    label: 'Row store and column store: pages a count by plan reads (EXPLAIN ANALYZE, BUFFERS)',
    measure(facts) {
      const l = layoutFigures(facts);
      if (!l) return { summary: 'Press “Compare row and column layouts” to measure.', rows: [] };
      const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} kB`;
      return {
        summary: `Over ${l.rows.toLocaleString('en')} tickets, the wide rows cost ${l.rowPages} pages, the plan column ${l.columnPages}.`,
        rows: [
          { layout: 'one wide row per ticket', 'pages read': l.rowPages, 'table size': kb(l.rowBytes) },
          { layout: 'one table per column: plan', 'pages read': l.columnPages, 'table size': kb(l.planColumnBytes) },
          { layout: 'one table per column: all of them', 'pages read': '–', 'table size': kb(l.allColumnsBytes) },
        ],
      };
    },
  },
];
