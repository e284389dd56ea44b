/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { concurrencyFigures, projectionFigures, replayFigures, storageFigures } from './figures.ts';
import type { EventSourcing } from './messages.ts';

const ms = (n: number) => `${n.toLocaleString('en', { maximumFractionDigits: 2 })} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toLocaleString('en', { maximumFractionDigits: 0 })} kB`;
const n = (x: number) => x.toLocaleString('en');
const count = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export const measures: readonly MeasureSpec<EventSourcing>[] = [
  {
    id: 'replay',
    label: 'Replay: Postgres time to read a stream, from the first event or from the newest snapshot (median of 5)',
    measure(facts) {
      const rows = replayFigures(facts);
      if (rows.length === 0) return { summary: 'Load some history, then press “Time replays”.', rows: [] };
      const longest = rows.at(-1);
      return {
        summary: longest
          ? `At ${n(longest.length)} events: ${ms(longest.fullMs)} from the first event, ${ms(longest.snapshotMs)} from a snapshot (${n(longest.snapshotRead)} events after it).${rows.every((r) => r.same) ? ' Both folds gave the same state every time.' : ' The two folds disagreed!'}`
          : '',
        rows: rows.map((r) => ({
          events: n(r.length),
          'from the first': `${n(r.fullRead)} rows, ${ms(r.fullMs)}`,
          'from a snapshot': `1 + ${n(r.snapshotRead)} rows, ${ms(r.snapshotMs)}`,
        })),
      };
    },
  },
  {
    id: 'concurrency',
    label: 'Concurrent commands: version conflicts (23505), retries, rejections',
    measure(facts) {
      const c = concurrencyFigures(facts);
      if (c.commands === 0) return { summary: 'No command yet.', rows: [] };
      return {
        summary: `${count(c.commands, 'command', 'commands')}: ${n(c.appended)} appended, ${count(c.conflicts, 'version conflict', 'version conflicts')} (23505) on ${count(c.retried, 'command', 'commands')}, ${n(c.rejected)} rejected.${c.decidedOnStale > 0 ? ` ${n(c.decidedOnStale)} appended on a state that was no longer current!` : ''}`,
        rows: [
          { figure: 'commands', value: c.commands },
          { figure: 'appended', value: c.appended },
          { figure: 'version conflicts (23505)', value: c.conflicts },
          { figure: 'commands retried', value: c.retried },
          { figure: 'rejected by the rules', value: c.rejected },
          { figure: 'gave up', value: c.gaveUp },
          { figure: 'appended on a stale state', value: c.decidedOnStale },
        ],
      };
    },
  },
  {
    id: 'storage',
    label: 'Storage: the event store against a table of current state (pg_total_relation_size)',
    measure(facts) {
      const s = storageFigures(facts);
      if (!s) return { summary: 'Measured with “Time replays”.', rows: [] };
      return {
        summary: `${n(s.events)} events take ${kb(s.eventsBytes)} (+ ${kb(s.snapshotsBytes)} of snapshots); the current state of the same ${n(s.accounts)} accounts takes ${kb(s.stateBytes)}.`,
        rows: [
          { table: 'events', rows: s.events, size: kb(s.eventsBytes) },
          { table: 'snapshots', rows: s.snapshots, size: kb(s.snapshotsBytes) },
          { table: 'accounts (state)', rows: s.accounts, size: kb(s.stateBytes) },
        ],
      };
    },
  },
  {
    id: 'projections',
    label: 'Projections replayed from position 0: a new consumer, a fixed projection',
    measure(facts) {
      const rows = projectionFigures(facts);
      if (rows.length === 0) return { summary: 'Add a projection or replay the summary to see a replay.', rows: [] };
      return {
        summary:
          rows
            .map(
              (r) =>
                `${r.projection}: ${n(r.events)} events in ${r.batches} batches, ${ms(r.engineMs)} of SQLite time, ${r.caughtUpAfterMs === undefined ? 'still catching up' : `caught up after ${ms(r.caughtUpAfterMs)}`}${r.switchedAt === undefined ? '' : ', then switched'}`,
            )
            .join('; ') + '.',
        rows: rows.map((r) => ({
          projection: r.projection,
          events: r.events,
          batches: r.batches,
          'SQLite time': ms(r.engineMs),
          'caught up after': r.caughtUpAfterMs === undefined ? '–' : ms(r.caughtUpAfterMs),
        })),
      };
    },
  },
];
