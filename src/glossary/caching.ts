/** Terms introduced by the chapter "Caching: cache-aside, write-through, write-back". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'cache-aside',
    term: 'Cache-aside (lazy loading)',
    definition:
      'The application looks in the cache first; on a miss it reads the database and puts what it read into the cache itself. Writes go to the database, and the application deletes or lets expire the entry they make old. The cache holds only what has been asked for.',
    seeAlso: ['cache-invalidation', 'write-through-cache', 'write-back-cache', 'replicated-caching'],
  },
  {
    slug: 'write-through-cache',
    term: 'Write-through cache',
    definition:
      'A cache that takes writes and passes each one to the database before it answers, updating its own copy once the database has committed. No write is acknowledged that the database does not hold, and each write is as slow as a database write.',
    seeAlso: ['cache-aside', 'write-back-cache'],
  },
  {
    slug: 'write-back-cache',
    term: 'Write-back (write-behind) cache',
    definition:
      'A cache that acknowledges a write as soon as its own copy has it and hands it to the database later, often in batches. Writes are fast and the database sees fewer of them; whatever is still waiting when the cache fails is lost although the caller was told it succeeded.',
    seeAlso: ['write-through-cache', 'cache-aside'],
  },
  {
    slug: 'time-to-live',
    term: 'Time to live (TTL)',
    definition:
      'How long a cache keeps an entry before it counts as gone and the next read goes back to the source. Without any other invalidation it is also the longest a cached value can stay wrong after the source changed.',
    seeAlso: ['cache-invalidation', 'bounded-staleness', 'data-freshness'],
  },
  {
    slug: 'cache-invalidation',
    term: 'Cache invalidation',
    definition:
      'Removing or replacing a cached entry because its source changed, triggered by the write itself, by a change event, or by the entry’s time to live running out. Deleting is usually safer than setting the new value, because two concurrent sets can land in the wrong order.',
    seeAlso: ['time-to-live', 'versioned-set'],
  },
  {
    slug: 'hit-rate',
    term: 'Hit rate',
    definition:
      'The share of reads a cache answers from its own copy. Each hit is a query the database does not run; each miss costs the cache lookup and the database query both.',
    seeAlso: ['cache-aside'],
  },
  {
    slug: 'versioned-set',
    term: 'Versioned set',
    definition:
      'A cache write that carries the version of the data it read and is refused when the cache already knows a newer version, for example from an invalidation. It closes the race in which a slow reader puts an old value back after a writer deleted it.',
    seeAlso: ['cache-invalidation', 'lease'],
  },
  {
    slug: 'lease',
    term: 'Lease (cache)',
    definition:
      'A token a cache hands out with a miss, giving that one caller the right to fill the entry. A delete in the meantime cancels the token, so a fill based on an old read is turned away; handing out one lease at a time also keeps many callers from refilling the same hot key at once.',
    seeAlso: ['versioned-set', 'cache-invalidation'],
  },
];
