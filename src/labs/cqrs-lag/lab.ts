/**
 * The CQRS lab: you place an order and open "My orders" at once. The order service (Postgres) is the
 * write model and commits a change event with every change; a projector builds the read model (SQLite)
 * from those events, a little later. Four ways to show you your own write are a switch away.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { crowd } from './crowd.ts';
import { customer } from './customer.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { CqrsLag } from './messages.ts';
import { orders } from './orders.ts';
import type { Projection } from './projection.ts';
import { readModel } from './read-model.ts';
import { RUSH_ORDERS, RUSH_WINDOW_MS } from './settings.ts';

export function cqrsLab(projection: Projection = 'versioned'): LabDefinition {
  return defineLab<CqrsLag>({
    id: 'cqrs-lag',
    title: 'CQRS: a read model, and watching it lag',
    services: { customer, orders, 'read-model': readModel(projection), crowd },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'place', label: 'Place an order', service: 'customer', message: { type: 'place', card: 'good' } },
      {
        id: 'place-declined',
        label: 'Place an order (card will be declined)',
        service: 'customer',
        message: { type: 'place', card: 'declined' },
      },
      { id: 'open-my-orders', label: 'Open My orders', service: 'customer', message: { type: 'open-my-orders' } },
      { id: 'fix-none', label: 'No fix', service: 'customer', message: { type: 'use-fix', fix: 'none' } },
      {
        id: 'fix-read-your-writes',
        label: 'Fix: read-your-writes',
        service: 'customer',
        message: { type: 'use-fix', fix: 'read-your-writes' },
      },
      { id: 'fix-version-token', label: 'Fix: version token', service: 'customer', message: { type: 'use-fix', fix: 'version-token' } },
      { id: 'fix-optimistic', label: 'Fix: optimistic UI', service: 'customer', message: { type: 'use-fix', fix: 'optimistic' } },
      { id: 'follow-poll', label: 'Follow by polling', service: 'customer', message: { type: 'use-follow', follow: 'poll' } },
      { id: 'follow-push', label: 'Follow by push', service: 'customer', message: { type: 'use-follow', follow: 'push' } },
      {
        id: 'rush',
        label: `Rush hour: ${RUSH_ORDERS} orders in ${(RUSH_WINDOW_MS / 1000).toLocaleString('en')} s`,
        service: 'crowd',
        message: { type: 'rush' },
      },
      { id: 'run-workload', label: 'Run the workload', service: 'customer', message: { type: 'run-workload' } },
      { id: 'rebuild', label: 'Rebuild the read model', service: 'read-model', message: { type: 'rebuild' } },
    ],
    exercises,
  });
}

export default cqrsLab();
