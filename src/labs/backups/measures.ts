/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { consistencyFigures, lossFigures, storeFigures } from './figures.ts';
import type { Backups } from './messages.ts';
import { clock } from './settings.ts';

const s = (ms: number) => `${(ms / 1_000).toLocaleString('en', { maximumFractionDigits: 1 })} s`;
const kb = (bytes: number) => `${(bytes / 1_000).toLocaleString('en', { maximumFractionDigits: 1 })} KB`;

export const measures: readonly MeasureSpec<Backups>[] = [
  {
    id: 'rpo',
    label: 'Data lost by the last restore (RPO): committed orders missing or wrong afterwards',
    measure(facts) {
      const f = lossFigures(facts);
      if (f === null) return { summary: 'Nothing restored yet. Damage orders, then restore them.', rows: [] };
      return {
        summary: `${f.mode === 'pitr' ? 'Dump plus shipped log' : 'Dump alone'}: ${f.lost} of ${f.committed} orders committed before ${clock(f.failureAt)} lost${f.lost > 0 ? `, the oldest placed ${s(f.lostWindowMs)} before the failure` : ''}. The dump was ${s(f.dumpAgeMs)} old.`,
        rows: [
          { figure: 'orders committed before the failure', value: f.committed },
          { figure: 'lost by the restore', value: f.lost },
          { figure: 'loss window (oldest lost order’s age)', value: s(f.lostWindowMs) },
          { figure: 'age of the dump at the failure', value: s(f.dumpAgeMs) },
          { figure: 'log entries replayed', value: f.replayed },
        ],
      };
    },
  },
  {
    id: 'rto',
    label: 'Time to restore (RTO): modelled transfer of what was loaded; the engine’s own time is in restore_runs',
    measure(facts) {
      const f = lossFigures(facts);
      if (f === null) return { summary: 'Nothing restored yet.', rows: [] };
      return {
        summary: `${kb(f.bytes)} loaded: ${f.transferMs.toLocaleString('en')} ms of modelled transfer, plus the engine time restore_runs shows.`,
        rows: [
          { figure: 'bytes loaded (dump + log)', value: kb(f.bytes) },
          { figure: 'transfer (modelled)', value: `${f.transferMs.toLocaleString('en')} ms` },
        ],
      };
    },
  },
  {
    id: 'store',
    label: 'What the backups cost: bytes written to the vault, and what the drills found',
    measure(facts) {
      const f = storeFigures(facts);
      return {
        summary: `${f.dumps} dumps (${kb(f.dumpBytes)}), ${f.shipments} log shipments (${kb(f.shippedBytes)}). Silent failures: ${f.silentFailures}; drills ${f.drills}, failed ${f.drillsFailed}.`,
        rows: [
          { figure: 'dumps stored', value: f.dumps },
          { figure: 'dump bytes', value: kb(f.dumpBytes) },
          { figure: 'log shipments', value: f.shipments },
          { figure: 'shipped bytes', value: kb(f.shippedBytes) },
          { figure: 'dumps that failed silently', value: f.silentFailures },
          { figure: 'restore drills (failed)', value: `${f.drills} (${f.drillsFailed})` },
        ],
      };
    },
  },
  {
    id: 'consistency',
    label: 'Across services: payments whose order does not exist, at each cross-service check',
    measure(facts) {
      const f = consistencyFigures(facts);
      if (f.checks.length === 0 && f.repairs.length === 0) return { summary: 'No cross-service check run yet.', rows: [] };
      return {
        summary: f.checks.map((c) => `${clock(c.at)}: ${c.orphans} of ${c.payments}`).join('; ') + '.',
        rows: [
          ...f.checks.map((c) => ({ figure: `check at ${clock(c.at)}`, value: `${c.orphans} orphan payments of ${c.payments}` })),
          ...f.repairs.map((r) => ({
            figure: r.repair === 'reconcile' ? 'reconciliation from payments' : 'replay from the broker',
            value: `${r.recreated} orders recreated (${r.withoutAddress} without address), ${r.voided} payments deleted`,
          })),
        ],
      };
    },
  },
];
