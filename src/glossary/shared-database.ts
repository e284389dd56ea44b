/** Terms introduced by Part I, chapter 2: why one shared database stops working. */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'data-domain',
    term: 'Data domain',
    definition:
      'A group of tables that belong to one business capability and change for the same reasons, kept in one schema and eventually one database, and used by one service or a small group of services.',
    seeAlso: ['data-disintegrator', 'data-integrator'],
  },
  {
    slug: 'data-disintegrator',
    term: 'Data disintegrator',
    definition:
      'A force that argues for moving tables into separate schemas or databases: change control, connection management, scalability, fault tolerance, architectural quanta, or a better-suited database type.',
    seeAlso: ['data-integrator', 'data-domain'],
  },
  {
    slug: 'data-integrator',
    term: 'Data integrator',
    definition:
      'A force that argues for keeping tables in one database: relationships the database enforces (foreign keys, views, triggers) and transactions that must commit or fail as one.',
    seeAlso: ['data-disintegrator'],
  },
  {
    slug: 'architectural-quantum',
    term: 'Architectural quantum',
    definition:
      'An independently deployable part of a system with high functional cohesion, whose pieces are coupled synchronously to each other, for example through calls that wait for an answer or through a database they share. Services that share a database form one quantum, however separate their code is.',
  },
  {
    slug: 'blast-radius',
    term: 'Blast radius',
    definition:
      'The set of services a single change or failure breaks. On a shared database, a schema change or an outage reaches every service that uses it.',
    seeAlso: ['single-point-of-failure'],
  },
  {
    slug: 'connection-pool',
    term: 'Connection pool',
    definition:
      'A set of open database connections that one application instance keeps and reuses. Every instance has its own pool, so scaling a service out multiplies the connections it holds on the database.',
  },
  {
    slug: 'single-point-of-failure',
    term: 'Single point of failure',
    definition: 'A component whose failure stops everything that depends on it, such as one database behind every service.',
    seeAlso: ['blast-radius'],
  },
];
