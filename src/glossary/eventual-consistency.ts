/** Terms introduced by the chapter "Eventual consistency, three ways". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'eventual-consistency',
    term: 'Eventual consistency',
    definition:
      'A promise that copies of related data held by different services will agree once updates stop arriving and failed parts come back, without saying when. Between a change and that agreement, a reader may see the old value.',
    seeAlso: ['inconsistency-window', 'background-synchronization'],
  },
  {
    slug: 'inconsistency-window',
    term: 'Inconsistency window',
    definition:
      'The time between one service committing a change and another service’s data reflecting it. Its length is set by the pattern that carries the change: a timer’s interval, a call’s round trip, or a broker’s queue.',
    seeAlso: ['eventual-consistency'],
  },
  {
    slug: 'background-synchronization',
    term: 'Background synchronization',
    definition:
      'Keeping two services’ data in step with a scheduled job that reads one side, compares it with the other and writes the corrections. The services stay unaware of each other, while the job depends on both of their schemas.',
    seeAlso: ['eventual-consistency', 'inconsistency-window'],
  },
  {
    slug: 'temporal-coupling',
    term: 'Temporal coupling',
    definition:
      'A dependency in time: one service can finish its work only while another is up and answering. A synchronous call creates it; a durable queue between the two removes it.',
    seeAlso: ['orchestration'],
  },
  {
    slug: 'message-relay',
    term: 'Message relay',
    definition:
      'The process that reads records a service has committed to its outbox and publishes them to the broker, marking each one as sent. A relay that crashes delays records but loses none, because they wait in the outbox until it runs again.',
    seeAlso: ['outbox'],
  },
];
