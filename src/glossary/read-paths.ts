/** Terms introduced by the chapter "Call, copy or cache: reading another service's data". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'n-plus-one-calls',
    term: 'N+1 calls',
    definition:
      'One query for a list, then one more request for each of its N items, such as a call to the customer service for every ticket on a page. The page costs N round trips and N requests to the owner, and fails if any one of them does.',
    seeAlso: ['interservice-call'],
  },
  {
    slug: 'cache-aside',
    term: 'Cache-aside',
    definition:
      'A way of filling a cache in which the reader looks in the cache first and, on a miss, fetches from the owner and stores what it got. The cache holds only what was asked for, so it starts empty and every cold start sends a burst of misses to the owner.',
    seeAlso: ['replicated-caching', 'cache-invalidation'],
  },
  {
    slug: 'cache-invalidation',
    term: 'Cache invalidation',
    definition:
      'Removing a cache entry because its source changed, usually on the source’s change event, rather than waiting for the entry to expire. It bounds staleness by the event’s delay instead of the time to live, and needs care so that a slow fill does not put the old value back.',
    seeAlso: ['time-to-live', 'cache-aside'],
  },
  {
    slug: 'time-to-live',
    term: 'Time to live (TTL)',
    definition:
      'How long a cache keeps an entry before it expires and the next read fetches it again. It is the simplest bound on staleness: an entry can be as old as its time to live, whatever the owner did meanwhile.',
    seeAlso: ['cache-invalidation', 'data-freshness'],
  },
  {
    slug: 'retry-storm',
    term: 'Retry storm',
    definition:
      'Extra load that callers create by retrying failed or slow requests all at once, so that a struggling service receives more requests exactly when it can serve fewer. Backoff that grows with each attempt, random jitter and a cap on attempts keep retries from arriving together.',
    seeAlso: ['interservice-call'],
  },
  {
    slug: 'staleness-budget',
    term: 'Staleness budget',
    definition:
      'How old a value may be when a reader sees it, stated per field by the people who use it: a customer’s name may lag a minute, a plan that sets a response deadline only seconds, an account balance not at all. It decides which read path a field may take.',
    seeAlso: ['data-freshness', 'bounded-staleness'],
  },
];
