/**
 * The database turned inside out: one log in Postgres, written by the order service, and three views
 * built from it by consumers that keep their own checkpoints: a relational table in a second Postgres, a
 * full-text index and a key-value cache in SQLite. Drop a view and rebuild it; add one after the fact.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { cacheView } from './cache.ts';
import { consumerHandlers, consumerService, type ConsumerOptions } from './consumer.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { LogViews } from './messages.ts';
import { orders } from './orders.ts';
import { reportingView } from './reporting.ts';
import { searchView } from './search.ts';
import { HISTORY_EVENTS, MORE_HISTORY_EVENTS } from './settings.ts';

const DEFAULTS: ConsumerOptions = { idempotent: true, rebuildFrom: 'zero', measured: true };

export function logViewsLab(options: Partial<ConsumerOptions> = {}): LabDefinition {
  const o = { ...DEFAULTS, ...options };
  const { rebuild: _rebuild, ...viewHandlers } = consumerHandlers(searchView, o, 'search-crash');
  const { rebuild: _cacheRebuild, ...cacheHandlers } = consumerHandlers(cacheView, o);
  return defineLab<LogViews>({
    id: 'log-views',
    title: 'The database turned inside out: views of one log',
    services: {
      orders,
      reporting: consumerService(reportingView, consumerHandlers(reportingView, o)),
      search: consumerService(searchView, viewHandlers),
      cache: consumerService(cacheView, cacheHandlers),
    },
    faults,
    invariants,
    measures,
    actions: [
      {
        id: 'load-history',
        label: `Load a year of history (${HISTORY_EVENTS.toLocaleString('en')} events)`,
        service: 'orders',
        message: { type: 'load-history', events: HISTORY_EVENTS, oldShapeFirstThird: true },
      },
      { id: 'ada-orders', label: 'Ada places an order', service: 'orders', message: { type: 'place-order', customer: 'ada' } },
      { id: 'ben-orders', label: 'Ben places an order', service: 'orders', message: { type: 'place-order', customer: 'ben' } },
      { id: 'ada-email', label: 'Ada changes her email', service: 'orders', message: { type: 'change-email', customer: 'ada' } },
      {
        id: 'rebuild-reporting',
        label: 'Drop the reporting view and rebuild it from position 0',
        service: 'reporting',
        message: { type: 'rebuild' },
      },
      { id: 'add-cache', label: 'Add a third store: the key-value cache', service: 'cache', message: { type: 'start' } },
      { id: 'forget-ada', label: 'Ada asks to be forgotten', service: 'orders', message: { type: 'forget', customer: 'ada' } },
      {
        id: 'load-more-history',
        label: `Load three more years (${MORE_HISTORY_EVENTS.toLocaleString('en')} events)`,
        service: 'orders',
        message: { type: 'load-history', events: MORE_HISTORY_EVENTS, oldShapeFirstThird: false },
      },
    ],
    exercises,
  });
}

export default logViewsLab();
