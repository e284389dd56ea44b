/**
 * The eventual-consistency lab: opening a support ticket must raise the customer's open-ticket count, and
 * closing it must lower it. Three patterns do it side by side on the same requests from one help desk:
 * a background sync job, a ticket service that calls the customer service, and events through a broker.
 */
import { BROKER_CLIENT_SCHEMA } from '../kit/broker-client.ts';
import { brokerSchema } from '../kit/broker-schema.ts';
import { broker } from '../kit/broker.ts';
import { sqlText } from '../kit/service-sql.ts';
import type { LabDefinition, TableView } from '../sim/types.ts';
import customersSql from './customers.sql?raw';
import { desk } from './desk.ts';
import deskSql from './desk.sql?raw';
import evCustomersSql from './ev-customers.sql?raw';
import evTicketsSql from './ev-tickets.sql?raw';
import { eventCustomers, eventTickets, type ConsumerOptions } from './event-pattern.ts';
import { exercises } from './exercises.ts';
import { faults, FAULT } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import { requestCustomers, requestTickets } from './request-pattern.ts';
import rqCustomersSql from './rq-customers.sql?raw';
import rqTicketsSql from './rq-tickets.sql?raw';
import { ACK_TIMEOUT_MS, CUSTOMERS, MAX_UNANSWERED, RETRY_DELAY_MS, TICKETS_TOPIC, WORKLOAD_SIZE } from './settings.ts';
import syncSharedSql from './sync-shared.sql?raw';
import { syncShared } from './sync-pattern.ts';

const customerRows = CUSTOMERS.map((c) => `(${sqlText(c.id)}, ${sqlText(c.name)})`).join(', ');
const subscriptions = { [TICKETS_TOPIC]: ['ev-customers'] };

const counts: TableView = { title: 'customers', sql: 'SELECT id, name, open_tickets FROM customers ORDER BY id' };
const ticketsTable = (table: string): TableView => ({
  title: 'tickets (newest first)',
  sql: `SELECT id, customer_id, status FROM ${table} ORDER BY length(id) DESC, id DESC LIMIT 30`,
});

export function eventualConsistencyLab(options: Partial<ConsumerOptions> = {}): LabDefinition {
  const consumer: ConsumerOptions = { idempotency: true, ...options };
  return {
    id: 'eventual-consistency',
    title: 'One ticket, one count, three ways to keep them in step',
    services: [
      {
        name: 'desk',
        label: 'Help desk',
        role: 'Sends every request to the three patterns at once (SQLite)',
        database: { kind: 'sqlite', setupSql: deskSql },
        tables: [
          {
            title: 'requests (newest first)',
            sql: 'SELECT seq, kind, ticket_id, customer_id, sent_at FROM requests ORDER BY seq DESC LIMIT 30',
          },
        ],
      },
      {
        name: 'sync-shared',
        label: '1 · Tickets + Customers + sync job (Postgres)',
        role: 'Pattern 1: two schemas on one server, and a sync job on a timer that reads one and writes the other',
        database: { kind: 'postgres', setupSql: `${syncSharedSql}\nINSERT INTO customers.customers (id, name) VALUES ${customerRows};` },
        tables: [
          { title: 'customers.customers', sql: 'SELECT id, open_tickets, synced_at FROM customers.customers ORDER BY id' },
          ticketsTable('tickets.tickets'),
          { title: 'sync.runs (newest first)', sql: 'SELECT run, at, outcome, customers_fixed FROM sync.runs ORDER BY run DESC LIMIT 10' },
        ],
      },
      {
        name: 'rq-tickets',
        label: '2 · Ticket service, orchestrating (Postgres)',
        role: 'Pattern 2: stores the ticket, calls the Customer service, refuses the ticket if no answer comes',
        database: { kind: 'postgres', setupSql: rqTicketsSql },
        tables: [
          ticketsTable('tickets'),
          {
            title: 'customer_calls still waiting',
            sql: "SELECT ticket_id, version, open, attempts FROM customer_calls WHERE state = 'waiting' ORDER BY ticket_id, version",
          },
        ],
      },
      {
        name: 'rq-customers',
        label: '2 · Customer service (SQLite)',
        role: 'Pattern 2: answers calls; a call newer than what it knows changes the count',
        database: {
          kind: 'sqlite',
          setupSql: `${customersSql}\n${rqCustomersSql}\nINSERT INTO customers (id, name) VALUES ${customerRows};`,
        },
        tables: [counts],
      },
      {
        name: 'ev-tickets',
        label: '3 · Ticket service with outbox (Postgres)',
        role: 'Pattern 3: commits the ticket and its event together; a relay publishes the event',
        database: { kind: 'postgres', setupSql: `${evTicketsSql}\n${BROKER_CLIENT_SCHEMA}` },
        tables: [
          ticketsTable('tickets'),
          { title: 'outbox (not yet sent)', sql: 'SELECT id, type, key FROM outbox WHERE sent_at IS NULL ORDER BY id' },
        ],
      },
      {
        name: 'ev-customers',
        label: '3 · Customer service, consuming (SQLite)',
        role: 'Pattern 3: applies each ticket event once, keyed, with its position in the topic',
        database: {
          kind: 'sqlite',
          setupSql: `${customersSql}\n${evCustomersSql}\n${BROKER_CLIENT_SCHEMA}\nINSERT INTO customers (id, name) VALUES ${customerRows};`,
        },
        tables: [counts, { title: 'consumer_offsets', sql: 'SELECT topic, last_seq FROM consumer_offsets ORDER BY topic' }],
      },
      {
        name: 'broker',
        label: '3 · Broker (SQLite)',
        role: 'Pattern 3: the tickets topic and its delivery cursor; stands in for Kafka',
        database: { kind: 'sqlite', setupSql: brokerSchema({ subscriptions }) },
        tables: [
          {
            title: 'tickets topic (newest first)',
            sql: "SELECT seq, key, type FROM broker_log WHERE topic = 'tickets' ORDER BY seq DESC LIMIT 20",
          },
          { title: 'subscriptions', sql: 'SELECT consumer, topic, next_seq, in_flight, attempts, paused FROM broker_subscriptions' },
        ],
      },
    ],
    behaviours: {
      desk,
      'sync-shared': syncShared,
      'rq-tickets': requestTickets,
      'rq-customers': requestCustomers,
      'ev-tickets': eventTickets,
      'ev-customers': eventCustomers(consumer),
      broker: broker({
        subscriptions,
        ackTimeoutMs: ACK_TIMEOUT_MS,
        retryDelayMs: RETRY_DELAY_MS,
        maxUnanswered: MAX_UNANSWERED,
        duplicateFault: FAULT.duplicateDelivery,
      }),
    },
    faults,
    invariants,
    measures,
    actions: [
      ...CUSTOMERS.map((c) => ({
        id: `open-${c.id}`,
        label: `Open a ticket for ${c.name}`,
        service: 'desk',
        message: { type: 'open-for', customerId: c.id },
      })),
      { id: 'close-oldest', label: 'Close the oldest open ticket', service: 'desk', message: { type: 'close-oldest' } },
      {
        id: 'run-workload',
        label: `Run the workload (${WORKLOAD_SIZE} requests)`,
        service: 'desk',
        message: { type: 'run-workload', size: WORKLOAD_SIZE },
      },
    ],
    network: { latencyMs: 10, jitterMs: 5 },
    statementLimitMs: 10_000,
    exercises,
  };
}

export default eventualConsistencyLab();
