/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { ownerFigures, variantFigures } from './figures.ts';
import type { ReadPaths, Variant } from './messages.ts';
import { CACHE_TTL_MS } from './settings.ts';

export const VARIANT_LABEL: Readonly<Record<Variant, string>> = {
  call: 'call Customers per ticket',
  chain: 'call through Support profiles',
  copy: 'replicated columns',
  'cache-ttl': `cache, ${(CACHE_TTL_MS / 1000).toLocaleString('en')} s TTL`,
  'cache-events': 'cache, invalidated by events',
  shared: 'join in a shared database',
};

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const measures: readonly MeasureSpec<ReadPaths>[] = [
  {
    id: 'reads',
    label: 'Queue reads by read path: latency, stale and failed pages',
    measure(facts, trace) {
      const figures = variantFigures(facts, trace);
      if (figures.length === 0) return { summary: 'No queue page has been read yet.', rows: [] };
      return {
        summary: figures
          .map(
            (f) =>
              `${VARIANT_LABEL[f.variant]}: ${f.reads} read${f.reads === 1 ? '' : 's'}, p99 ${ms(f.latencyP99Ms)}, ${f.stale} stale${f.stale > 0 ? ` (up to ${ms(f.staleMaxAgeMs)} old)` : ''}, ${f.failed} failed`,
          )
          .join('; ')
          .concat('.'),
        rows: figures.map((f) => ({
          'read path': VARIANT_LABEL[f.variant],
          reads: f.reads,
          'latency p50 / p99': `${f.latencyP50Ms.toLocaleString('en')} / ${ms(f.latencyP99Ms)}`,
          'stale (max age)': f.stale === 0 ? '0' : `${f.stale} (${ms(f.staleMaxAgeMs)})`,
          failed: f.failed,
          'failed while Customers was unreachable': `${f.failedInOutage} of ${f.readsInOutage}`,
          'after the schema change': f.afterSchemaChange === 0 ? '–' : `${f.failedAfterSchemaChange} of ${f.afterSchemaChange} failed`,
        })),
      };
    },
  },
  {
    id: 'owner-load',
    label: 'Requests that reached Customers (and Support profiles)',
    measure(facts) {
      const o = ownerFigures(facts);
      return {
        summary: `${o.total} requests: ${o.calls} calls, ${o.fetches} change fetches, ${o.sharedQueries} queries into the shared database; at most ${o.peakPer100Ms} within 100 ms.${o.profilesCalls > 0 ? ` Support profiles took ${o.profilesCalls} calls and answered ${o.profilesTooLate} after its caller's deadline.` : ''}`,
        rows: [
          { figure: 'calls for one customer', value: o.calls },
          { figure: 'change fetches by the replicator', value: o.fetches },
          { figure: 'queries into the shared database', value: o.sharedQueries },
          { figure: 'most requests within 100 ms', value: o.peakPer100Ms },
          { figure: 'calls that reached Support profiles (chain)', value: o.profilesCalls },
          { figure: 'of those, answered after the caller’s deadline', value: o.profilesTooLate },
        ],
      };
    },
  },
];
