import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'table-split',
    term: 'Table split',
    definition:
      'Resolving joint ownership by cutting a table along the line between its writers: each service gets a table holding only the columns it writes, and the pieces share the original primary key.',
    seeAlso: ['shared-key', 'joint-ownership'],
  },
  {
    slug: 'data-domain-technique',
    term: 'Data domain technique',
    definition:
      'Resolving joint ownership by keeping the contested table in a schema that a small, named set of services may all write, as a deliberate and governed exception to one database per service.',
    seeAlso: ['joint-ownership'],
  },
  {
    slug: 'delegate-technique',
    term: 'Delegate technique',
    definition:
      'Resolving joint ownership by making one service the only writer of the table; every other service asks it, over the network, to write on its behalf.',
    seeAlso: ['joint-ownership'],
  },
  {
    slug: 'service-consolidation',
    term: 'Service consolidation',
    definition:
      'Resolving joint ownership by merging the services that write a table into one service with one database, so that every write is local again.',
    seeAlso: ['joint-ownership'],
  },
  {
    slug: 'shared-key',
    term: 'Shared key',
    definition:
      'The key that tables cut from one table keep in common, such as ticket_id after a table split: primary key in each piece, and a foreign key from the dependent piece to the other when both live in one database.',
    seeAlso: ['table-split'],
  },
  {
    slug: 'lost-update',
    term: 'Lost update',
    definition:
      'A write that is silently undone when another writer saves a row it read before that write happened. Postgres’s default isolation level, READ COMMITTED, does not prevent it when the read and the save are separate statements. A version checked on every save, a row lock taken when reading (SELECT … FOR UPDATE), a commutative update such as SET x = x + 1 that touches only the writer’s own columns, or REPEATABLE READ, which refuses the second save with SQLSTATE 40001, prevents it.',
  },
];
