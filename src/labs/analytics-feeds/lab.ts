/**
 * Feeding analytics: the support desk's tickets (Postgres) feed an analytics store (SQLite) four ways at
 * once: a nightly batch, a change stream with a count per day, Lambda (a speed layer corrected nightly) and
 * Kappa (one stream job, new logic deployed by replaying the log). A churn score computed there goes back
 * to the customer service (Postgres) by reverse ETL.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { analytics, type StreamApply } from './analytics.ts';
import { customers } from './customers.ts';
import { desk } from './desk.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { FeedsLab } from './messages.ts';
import { WORKLOAD_DAYS } from './settings.ts';
import { tickets } from './tickets.ts';

export function feedsLab(apply: StreamApply = 'exactly-once'): LabDefinition {
  return defineLab<FeedsLab>({
    id: 'analytics-feeds',
    title: 'Feeding analytics: batch, stream, Lambda, Kappa and reverse ETL',
    services: { desk, tickets, analytics: analytics(apply), customers },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'run-days', label: `Run ${WORKLOAD_DAYS} days of tickets`, service: 'desk', message: { type: 'run-days' } },
      { id: 'read-now', label: 'Read the reports now', service: 'desk', message: { type: 'read-now' } },
      { id: 'run-nightly', label: 'Run the nightly batch now', service: 'analytics', message: { type: 'run-nightly-now' } },
      { id: 'deploy-v2', label: 'Deploy v2 (count late events) by replay', service: 'analytics', message: { type: 'deploy-v2' } },
      { id: 'sync-direct', label: 'Sync: write customers.churn_risk', service: 'analytics', message: { type: 'use-sync', mode: 'direct' } },
      { id: 'sync-owned-table', label: 'Sync: own table', service: 'analytics', message: { type: 'use-sync', mode: 'owned-table' } },
      { id: 'sync-api', label: 'Sync: call the API', service: 'analytics', message: { type: 'use-sync', mode: 'api' } },
      { id: 'edit-profile', label: 'Edit a customer’s profile', service: 'desk', message: { type: 'edit-profile' } },
    ],
    exercises,
  });
}

export default feedsLab();
