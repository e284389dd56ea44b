/**
 * The eventual-consistency lab: opening a support ticket must raise the customer's open-ticket count, and
 * closing it must lower it. Three patterns do it side by side on the same requests from one help desk:
 * a background sync job, a ticket service that calls the customer service, and events through a broker.
 */
import { brokerService } from '../kit/broker.ts';
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { desk } from './desk.ts';
import { eventCustomers, eventTickets, type ConsumerOptions } from './event-pattern.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { EventualConsistency } from './messages.ts';
import { requestCustomers, requestTickets } from './request-pattern.ts';
import { ACK_TIMEOUT_MS, CUSTOMERS, MAX_UNANSWERED, RETRY_DELAY_MS, WORKLOAD_SIZE } from './settings.ts';
import { syncShared } from './sync-pattern.ts';

export function eventualConsistencyLab(options: Partial<ConsumerOptions> = {}): LabDefinition {
  const consumer: ConsumerOptions = { idempotency: true, ...options };
  return defineLab<EventualConsistency>({
    id: 'eventual-consistency',
    title: 'One ticket, one count, three ways to keep them in step',
    services: {
      desk,
      'sync-shared': syncShared,
      'rq-tickets': requestTickets,
      'rq-customers': requestCustomers,
      'ev-tickets': eventTickets,
      'ev-customers': eventCustomers(consumer),
      broker: brokerService<EventualConsistency>({
        label: '3 · Broker (SQLite)',
        role: 'Pattern 3: the tickets topic and its delivery cursor; stands in for Kafka',
        tables: [
          {
            title: 'tickets topic (newest first)',
            sql: "SELECT seq, key, type FROM broker_log WHERE topic = 'tickets' ORDER BY seq DESC LIMIT 20",
          },
          { title: 'subscriptions', sql: 'SELECT consumer, topic, next_seq, in_flight, attempts, paused FROM broker_subscriptions' },
        ],
        subscriptions: { tickets: ['ev-customers'] },
        ackTimeoutMs: ACK_TIMEOUT_MS,
        retryDelayMs: RETRY_DELAY_MS,
        maxUnanswered: MAX_UNANSWERED,
        duplicateFault: 'duplicate-delivery',
      }),
    },
    faults,
    invariants,
    measures,
    actions: [
      ...CUSTOMERS.map((c) => ({
        id: `open-${c.id}`,
        label: `Open a ticket for ${c.name}`,
        service: 'desk' as const,
        message: { type: 'open-for' as const, customerId: c.id },
      })),
      { id: 'close-oldest', label: 'Close the oldest open ticket', service: 'desk', message: { type: 'close-oldest' } },
      {
        id: 'run-workload',
        label: `Run the workload (${WORKLOAD_SIZE} requests)`,
        service: 'desk',
        message: { type: 'run-workload', size: WORKLOAD_SIZE },
      },
    ],
    exercises,
  });
}

export default eventualConsistencyLab();
