/**
 * The outbox lab: a ticket service (Postgres) announces every change to a downstream service (SQLite) in six
 * ways at once, side by side: two dual writes, a transactional outbox with a polling relay, a sequence-watermark
 * copier, a copier whose watermark is bounded by the oldest transaction still running, and a relay that
 * reads the write-ahead log itself.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { downstream, type Consumer } from './downstream.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { OutboxRelay } from './messages.ts';
import { relay } from './relay.ts';
import { WORKLOAD } from './settings.ts';
import { tickets } from './tickets.ts';

export function outboxLab(consumer: Consumer = 'idempotent'): LabDefinition {
  return defineLab<OutboxRelay>({
    id: 'outbox-relay',
    title: 'Getting events out: dual writes, the outbox and change data capture',
    services: { tickets, relay, downstream: downstream(consumer) },
    faults,
    invariants,
    measures,
    actions: [
      {
        id: 'run-workload',
        label: `Run the workload: ${WORKLOAD.length} changes, four incidents`,
        service: 'tickets',
        message: { type: 'run-workload' },
      },
      { id: 'next-change', label: 'Change a ticket', service: 'tickets', message: { type: 'next-change' } },
    ],
    exercises,
  });
}

export default outboxLab();
