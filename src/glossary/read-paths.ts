/**
 * Terms introduced by the chapter "Call, copy or cache: reading another service's data". Its cache terms
 * (cache-aside, invalidation, time to live) are defined once, by the caching chapter (caching.ts).
 */
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
    slug: 'call-chain',
    term: 'Call chain',
    definition:
      "Synchronous calls in series: a service calls another, which calls a third before it can answer. Each hop adds its round trip to the latency, the chain is up only while every link is (its availability is the product of theirs), and unless each hop passes on what is left of its caller's deadline and only one layer retries, the attempts multiply towards the last service.",
    seeAlso: ['interservice-call', 'retry-storm'],
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
