/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { backlogFigures, followFigures, lagFigures, readFigures } from './figures.ts';
import type { CqrsLag, Fix } from './messages.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;
const share = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

export const FIX_LABEL: Readonly<Record<Fix, string>> = {
  none: 'No fix',
  'read-your-writes': 'Read-your-writes',
  'version-token': 'Version token',
  optimistic: 'Optimistic UI',
};

export const measures: readonly MeasureSpec<CqrsLag>[] = [
  {
    id: 'lag',
    label: 'Projection lag: from an event’s commit on the write side to the read model’s commit of it',
    measure(facts) {
      const f = lagFigures(facts);
      if (f.events === 0) return { summary: 'No order has been placed yet.', rows: [] };
      return {
        summary: `Over ${f.events} events: p50 ${ms(f.lagP50Ms)}, p99 ${ms(f.lagP99Ms)}. Events behind when the read model answered a read: p50 ${f.behindP50}, p99 ${f.behindP99}.${f.pending > 0 ? ` Not projected yet: ${f.pending}.` : ''}`,
        rows: [
          { figure: 'lag per event (ms)', p50: f.lagP50Ms, p99: f.lagP99Ms, max: f.lagMaxMs },
          { figure: 'events behind, at each read', p50: f.behindP50, p99: f.behindP99, max: '' },
        ],
      };
    },
  },
  {
    id: 'reads-after-write',
    label: 'My orders, right after placing an order: fresh, stale or guessed',
    measure(facts) {
      const figures = readFigures(facts).filter((r) => r.afterWrite > 0);
      return {
        summary:
          figures.length === 0
            ? 'Place an order: the page is read right after it.'
            : figures.map((r) => `${FIX_LABEL[r.fix]}: ${r.stale} of ${r.afterWrite} stale`).join('; ') + '.',
        rows: figures.map((r) => ({
          fix: FIX_LABEL[r.fix],
          'fresh / stale / guessed': `${r.fresh} / ${r.stale} / ${r.guessed}`,
          stale: share(r.stale, r.afterWrite),
          'page after (p50 / p99)': `${r.pageP50Ms.toLocaleString('en')} / ${ms(r.pageP99Ms)}`,
          timeouts: r.timeouts,
          'write-side reads': r.writeSideReads,
        })),
      };
    },
  },
  {
    id: 'backlog',
    label: 'Backlog: events committed and not yet in the read model',
    measure(facts) {
      const b = backlogFigures(facts);
      const parts = [
        b.peak === 0
          ? 'No backlog yet.'
          : `Peaked at ${b.peak} events at ${ms(b.peakAt)}, after growing for ${ms(b.grewForMs)}; ${b.drainedAt === undefined ? 'not drained yet' : `drained at ${ms(b.drainedAt)}`}.`,
      ];
      for (const r of b.rebuilds)
        parts.push(
          r.tookMs === undefined ? `Rebuild of ${r.events} events under way.` : `Rebuild of ${r.events} events took ${ms(r.tookMs)}.`,
        );
      return {
        summary: parts.join(' '),
        rows: [
          { figure: 'peak backlog (events)', value: b.peak },
          { figure: 'batches that failed', value: b.failedBatches },
          { figure: 'events dead-lettered', value: b.deadLettered },
          { figure: 'projector crashes', value: b.crashes },
          ...b.rebuilds.map((r) => ({
            figure: `rebuild at ${ms(r.at)} (${r.events} events)`,
            value: r.tookMs === undefined ? 'running' : ms(r.tookMs),
          })),
        ],
      };
    },
  },
  {
    id: 'follow',
    label: 'Keeping the open page current: polls or pushes, and guesses taken back',
    measure(facts) {
      const f = followFigures(facts);
      const taken = f.takeBacks.map((t) => `${t.orderId} shown wrong for ${ms(t.shownMs)} (${ms(t.afterTruthMs)} after the decline)`);
      return {
        summary: `${f.polls} polls, ${f.pushes} pushes; a final status reached the page p50 ${ms(f.finalSeenP50Ms)}, at worst ${ms(f.finalSeenMaxMs)} after it committed.${taken.length > 0 ? ` Taken back: ${taken.join('; ')}.` : ''}`,
        rows: [
          { figure: 'polls sent', value: f.polls },
          { figure: 'pushes received', value: f.pushes },
          { figure: 'final status on the page after (p50)', value: ms(f.finalSeenP50Ms) },
          { figure: 'final status on the page after (max)', value: ms(f.finalSeenMaxMs) },
          { figure: 'guesses taken back', value: f.takeBacks.length },
        ],
      };
    },
  },
];
