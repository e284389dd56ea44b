/** Terms of Part III, "Transactions across services". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'two-phase-commit',
    term: 'Two-phase commit (2PC)',
    definition:
      'A protocol that makes one change commit on several databases or on none. A coordinator first asks every participant to prepare and vote; only when all vote yes does it log the decision and tell them to commit. Participants that voted yes must wait for that decision, holding their locks.',
    seeAlso: ['coordinator', 'prepared-transaction', 'in-doubt-transaction'],
  },
  {
    slug: 'prepared-transaction',
    term: 'Prepared transaction',
    definition:
      'A transaction a participant has made durable without committing it, so that it can still commit or roll back after a crash. Postgres creates one with PREPARE TRANSACTION and lists it in pg_prepared_xacts; its row locks stay held until COMMIT PREPARED or ROLLBACK PREPARED.',
    seeAlso: ['two-phase-commit', 'in-doubt-transaction'],
  },
  {
    slug: 'in-doubt-transaction',
    term: 'In-doubt transaction',
    definition:
      'A prepared transaction whose outcome its participant does not know, because the coordinator has not told it yet or cannot. The participant may not decide alone, so the transaction and its locks stay until the coordinator recovers or an operator resolves it from the coordinator’s log.',
    seeAlso: ['prepared-transaction', 'coordinator'],
  },
  {
    slug: 'coordinator',
    term: 'Coordinator (transaction manager)',
    definition:
      'The party that runs two-phase commit: it collects the votes, writes the decision to its own durable log before announcing it, and repeats the decision until every participant has acknowledged it. After a crash, its log is the only authority on how a transaction ended.',
    seeAlso: ['two-phase-commit', 'in-doubt-transaction'],
  },
  {
    slug: 'saga',
    term: 'Saga',
    definition:
      'A business transaction split into a sequence of local transactions, one per service, each committed on its own. When a later step fails, compensating transactions undo the earlier steps, newest first, so the whole ends either completed or compensated, but its intermediate states are visible while it runs.',
    seeAlso: ['compensating-transaction', 'orchestration', 'choreography', 'pivot-step'],
  },
  {
    slug: 'compensating-transaction',
    term: 'Compensating transaction (compensation)',
    definition:
      'A new local transaction that semantically undoes an earlier, already committed step of a saga: a refund for a charge, a release for a reservation. It does not erase history; both rows remain. It must be idempotent, because it may be delivered more than once.',
    seeAlso: ['saga', 'idempotency-key'],
  },
  {
    slug: 'orchestration',
    term: 'Orchestration',
    definition:
      'A saga style in which one service, the orchestrator, sends each participant a command, records every reply in a durable log and decides what comes next, including when to give up and compensate. The log shows each saga’s progress in one place.',
    seeAlso: ['saga', 'choreography'],
  },
  {
    slug: 'choreography',
    term: 'Choreography',
    definition:
      'A saga style without a central controller: each service reacts to the events of the others and publishes its own. Services depend only on the events they consume, and no single place knows the whole flow. Deadlines are still possible, but they belong to a service: the owner of the business object can let it expire and announce that, and a reservation can lapse by itself.',
    seeAlso: ['saga', 'orchestration'],
  },
  {
    slug: 'idempotency-key',
    term: 'Idempotency key',
    definition:
      'A unique name for one operation, such as charge:orch-3, that the receiving service records in the same local transaction as the effect. A copy of a message that carries a key already recorded is recognised and dropped, so an operation delivered twice is applied once.',
    seeAlso: ['compensating-transaction', 'outbox'],
  },
  {
    slug: 'dead-letter-topic',
    term: 'Dead-letter topic (dead-letter queue)',
    definition:
      'Where a consumer puts a message it has failed to process a set number of times, so that the message no longer blocks the ones behind it. The message waits there for a person to fix the cause and redrive it to its consumer.',
    seeAlso: ['saga'],
  },
  {
    slug: 'outbox',
    term: 'Transactional outbox',
    definition:
      'A table in a service’s own database where it writes the messages it must send, in the same local transaction as the change they announce. A relay publishes them after the commit, so a crash can delay a message but never lose it or announce a change that did not commit.',
    seeAlso: ['idempotency-key'],
  },
  {
    slug: 'pivot-step',
    term: 'Pivot step',
    definition:
      'The step of a saga after which it can no longer be undone, such as sending the parcel. Steps before it need compensations; steps after it must be retried until they succeed. Putting the irreversible step as late as possible keeps the risky part compensable.',
    seeAlso: ['saga', 'compensating-transaction'],
  },
];
