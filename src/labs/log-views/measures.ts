/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { catchUpFigures, deliveryFigures, forgottenFigures, rebuildFigures } from './figures.ts';
import type { LogViews } from './messages.ts';

const ms = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: 2 })} ms`;
const n = (x: number) => x.toLocaleString('en');

export const measures: readonly MeasureSpec<LogViews>[] = [
  {
    id: 'rebuilds',
    label: 'Rebuilds: the reporting view dropped and replayed from position 0',
    measure(facts) {
      const rows = rebuildFigures(facts);
      if (rows.length === 0) return { summary: 'Load some history, then drop and rebuild the reporting view.', rows: [] };
      return {
        summary: rows
          .map((r) =>
            r.hashAfter === undefined
              ? `Replaying up to ${n(r.upTo)}: ${n(r.events)} events so far.`
              : `Up to ${n(r.upTo)}: ${n(r.events)} events in ${n(r.batches)} batches, ${ms(r.engineMs)} of Postgres time; hash ${r.hashAfter === r.hashBefore ? 'equal' : 'DIFFERENT'}.`,
          )
          .join(' '),
        rows: rows.map((r) => ({
          'log length': n(r.upTo),
          'events replayed': n(r.events),
          batches: n(r.batches),
          'Postgres time': ms(r.engineMs),
          hash: r.hashAfter === undefined ? '…' : r.hashAfter === r.hashBefore ? `same: ${r.hashAfter.slice(0, 6)}` : 'DIFFERENT',
        })),
      };
    },
  },
  {
    id: 'catch-up',
    label: 'A store added later: catching up from position 0',
    measure(facts) {
      const rows = catchUpFigures(facts);
      if (rows.length === 0) return { summary: 'Add the key-value cache to see a new store catch up.', rows: [] };
      return {
        summary: rows
          .map(
            (r) =>
              `${r.view}: ${n(r.events)} events in ${n(r.batches)} batches, ${ms(r.engineMs)} of SQLite time, ${r.virtualMs === undefined ? 'still catching up' : `caught up after ${ms(r.virtualMs)}`}; writer schema ${r.writerSchemaBefore === undefined || r.writerSchemaBefore === r.writerSchemaAfter ? 'unchanged' : 'CHANGED'}.`,
          )
          .join(' '),
        rows: rows.map((r) => ({
          view: r.view,
          'events replayed': n(r.events),
          batches: n(r.batches),
          'SQLite time': ms(r.engineMs),
          'writer schema md5': r.writerSchemaAfter?.slice(0, 8) ?? '–',
        })),
      };
    },
  },
  {
    id: 'delivery',
    label: 'Delivery: events applied, redelivered and skipped, parked, crashes',
    measure(facts) {
      const rows = deliveryFigures(facts);
      if (rows.length === 0) return { summary: 'Nothing applied yet.', rows: [] };
      return {
        summary: rows.map((r) => `${r.view}: ${n(r.applied)} applied, ${n(r.skipped)} skipped, ${n(r.parked)} parked`).join('; ') + '.',
        rows: rows.map((r) => ({
          view: r.view,
          applied: r.applied,
          'redelivered, skipped': r.skipped,
          parked: r.parked,
          crashes: r.crashes,
        })),
      };
    },
  },
  {
    id: 'forgotten',
    label: 'Personal data: what the log still holds after a customer is forgotten',
    measure(facts) {
      const rows = forgottenFigures(facts);
      if (rows.length === 0) return { summary: 'Nobody has asked to be forgotten.', rows: [] };
      return {
        summary: rows
          .map((r) => `${r.customer}: the views drop the email; ${n(r.logEventsWithEmail)} events in the log still carry one.`)
          .join(' '),
        rows: rows.map((r) => ({ customer: r.customer, 'log events with an email': r.logEventsWithEmail })),
      };
    },
  },
];
