/** Terms introduced by the chapter "The database turned inside out". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'inside-out-database',
    term: 'Database turned inside out',
    definition:
      'A design in which an ordered, retained log of events is the record, and every store that answers queries (tables, search indexes, caches) is derived from it by a consumer. What a database keeps privately, its write-ahead log and its indexes, becomes public and separate.',
    seeAlso: ['materialized-view', 'event-sourcing', 'projection'],
  },
  {
    slug: 'materialized-view',
    term: 'Materialized view (of a log)',
    definition:
      'A store whose whole content is computed from a log and kept up to date as the log grows: a left fold of the events up to a position. It can be dropped and computed again from the first event, and must come out the same.',
    seeAlso: ['fold', 'checkpoint', 'projection-replay'],
  },
  {
    slug: 'log-compaction',
    term: 'Log compaction',
    definition:
      'Keeping only the newest record for each key in a log and discarding the older ones in the background, so that a log keyed by entity stays about as large as the current state. Kafka offers it per topic; it turns a history into a snapshot of the latest values.',
    seeAlso: ['tombstone', 'crypto-shredding'],
  },
  {
    slug: 'tombstone',
    term: 'Tombstone',
    definition:
      'A record that says a key is deleted: in Kafka, a record with the key and an empty value. Consumers delete what they hold for the key; compaction later removes the older records for it and, after a grace period, the tombstone itself.',
    seeAlso: ['log-compaction'],
  },
];
