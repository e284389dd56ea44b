/** Terms of Part VI, "Boundaries and scale". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'isolation-level',
    term: 'Isolation level',
    definition:
      'How much one transaction may see of others running at the same time. Postgres offers READ COMMITTED (each statement sees what was committed when it started), REPEATABLE READ (the whole transaction reads one snapshot) and SERIALIZABLE (the outcome must match some order of running the transactions one by one).',
    seeAlso: ['lost-update', 'write-skew', 'serialization-failure'],
  },
  {
    slug: 'write-skew',
    term: 'Write skew',
    definition:
      'Two transactions each read the same facts, each decide they may act, and each write a different row; together they break a rule that each one alone kept, such as "at most seven bookings". No row is written twice, so row locks and REPEATABLE READ do not notice.',
    seeAlso: ['isolation-level', 'serialization-failure'],
  },
  {
    slug: 'serialization-failure',
    term: 'Serialization failure (40001)',
    definition:
      'The error Postgres raises (SQLSTATE 40001) when it cannot let a transaction commit without breaking the promise of its isolation level: under REPEATABLE READ when a row it writes changed after its snapshot, under SERIALIZABLE also when reads and writes of concurrent transactions form a dangerous cycle. The application retries the whole transaction.',
    seeAlso: ['isolation-level', 'write-skew'],
  },
  {
    slug: 'optimistic-concurrency',
    term: 'Optimistic concurrency control',
    definition:
      'Writing without holding a lock since the read, on the condition that the data has not changed since: a version column checked in the UPDATE’s WHERE clause, or a conditional write. A write that matches no row tells the application to read again and retry.',
    seeAlso: ['lost-update', 'aggregate'],
  },
  {
    slug: 'aggregate',
    term: 'Aggregate',
    definition:
      'In domain-driven design, a cluster of data changed only as a whole, through one root, inside one transaction. Its boundary is a consistency boundary: rules inside it hold at every commit; rules that span aggregates are kept eventually, by events, reservations or compensation.',
    seeAlso: ['bounded-context', 'optimistic-concurrency'],
  },
  {
    slug: 'bounded-context',
    term: 'Bounded context',
    definition:
      'The part of a system within which one model, and one meaning of each word, holds. The same word may mean something else in the next context; where the two meet, a translation maps one model onto the other.',
    seeAlso: ['aggregate'],
  },
  {
    slug: 'apology',
    term: 'Apology (business compensation)',
    definition:
      'What a business does when a promise it made on incomplete knowledge cannot be kept: rebook the customer, offer a voucher, refund. Allowing some apologies can be cheaper than locking enough data to never need one; airlines overbook on that reasoning.',
    seeAlso: ['compensating-transaction'],
  },
];
