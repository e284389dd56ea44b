/** Terms introduced by "Pulling the database apart, step by step". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'schema-per-domain',
    term: 'Schema per domain',
    definition:
      'One Postgres schema for each data domain, holding only that domain’s tables, while all of them still live in one database. It makes every cross-domain reference visible by its qualified name, and it is the step before giving each domain a database of its own.',
    seeAlso: ['service-role', 'switch-over'],
  },
  {
    slug: 'service-role',
    term: 'Service role',
    definition:
      'A database role that one service connects with, granted `USAGE` on its own schema and rights on its own tables and nothing else. A query from that service into another domain’s schema then fails with `42501 permission denied`, so the boundary is enforced by the database rather than by convention.',
    seeAlso: ['schema-per-domain'],
  },
  {
    slug: 'interservice-call',
    term: 'Interservice call',
    definition:
      'A request from one service to another for data the caller does not own, such as an HTTP or gRPC call, in place of a join across their tables. The data stays with its owner and is always current, but every read waits on the network and on the owner being up.',
    seeAlso: ['column-replication'],
  },
  {
    slug: 'column-replication',
    term: 'Column replication',
    definition:
      'Keeping a copy of another service’s column in your own table, such as the customer’s name in the tickets table, so that reads need no call. The owner stays the source of truth. Filling the copy once keeps nothing current: every later change at the owner has to reach it, usually as an event, or the copy goes stale.',
    seeAlso: ['interservice-call', 'replicated-caching'],
  },
  {
    slug: 'replicated-caching',
    term: 'Replicated caching',
    definition:
      'Holding another service’s data in an in-memory cache inside each service that reads it, filled at start-up and refreshed by events or polling. It suits small, rarely changing, much-read data such as zip codes, and makes invalidation and staleness part of the design.',
    seeAlso: ['column-replication'],
  },
  {
    slug: 'switch-over',
    term: 'Switch-over',
    definition:
      'The moment a service stops using the shared database and starts using its own, followed by closing the old path so nothing keeps writing to the old copy. Done one service at a time, it lets the rest of the system keep running on the shared database meanwhile.',
    seeAlso: ['schema-per-domain'],
  },
];
