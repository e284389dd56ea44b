/**
 * The steps the approach guide can recommend, as data: what to do, which chapter's lab measured what it costs,
 * the figures that lab stored, and how many more stores someone has to run once it is done.
 */
import type { FigureRef } from './figures.ts';

export type StepId =
  | 'one-database'
  | 'read-replica'
  | 'cache'
  | 'database-per-service'
  | 'outbox-events'
  | 'eventual-consistency'
  | 'cqrs-read-model'
  | 'api-composition'
  | 'sharding'
  | 'warehouse-cdc'
  | 'warehouse-layers'
  | 'data-mesh'
  | 'shape-per-question'
  | 'backups-dump'
  | 'backups-pitr'
  | 'crypto-shredding';

/**
 * The stores a step adds to what the team operates. Each one needs its own backups, upgrades, monitoring,
 * access rules and someone on call: that is the running cost the guide adds up.
 */
export type Stores =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'one';
      readonly what: string;
      /** Set on the single database, which shards take the place of. */ readonly replaces?: 'shards';
    }
  | { readonly kind: 'per-service' }
  | { readonly kind: 'per-shard' }
  | { readonly kind: 'per-domain' };

export interface Step {
  readonly id: StepId;
  readonly title: string;
  /** What to do, in one or two sentences. */
  readonly action: string;
  /** The chapter whose lab measured the trade-off, as linked: '/reading/cqrs/'. */
  readonly chapter: { readonly path: string; readonly title: string };
  /** The figures that chapter's lab stored, read from its comparison file. */
  readonly figures: readonly FigureRef[];
  readonly stores: Stores;
  /** The work it adds beyond the stores: code, coordination, drills. */
  readonly work: string;
}

const row = (equals: string | number): { where: { label: string | number } } => ({ where: { label: equals } });

export const STEPS: Readonly<Record<StepId, Step>> = {
  'one-database': {
    id: 'one-database',
    title: 'Keep one database, and let its transactions do the work',
    action:
      'Keep every table in one Postgres database and protect each invariant inside a transaction, with a row lock or an atomic update.',
    chapter: { path: '/boundaries/transactional-boundaries/', title: 'Transactional boundaries' },
    figures: [
      {
        lab: 'isolation',
        path: ['rows', { where: { method: 'read-modify-write' } }, 'lostUpdates'],
        what: 'Lost updates when each request reads, then writes',
        unit: 'count',
        row: 'read-modify-write',
      },
      {
        lab: 'isolation',
        path: ['rows', { where: { method: 'for-update' } }, 'lostUpdates'],
        what: 'Lost updates once the read locks the row',
        unit: 'count',
        row: 'for-update',
      },
    ],
    stores: { kind: 'one', what: 'the database', replaces: 'shards' },
    work: 'One schema that every part of the code shares: a change to a table is a change to everything that reads it.',
  },
  'read-replica': {
    id: 'read-replica',
    title: 'Add a read replica',
    action:
      'Send reads that may lag to a follower and keep writes on the leader; route the reads that must see the reader’s own write to the leader, or make them wait for its position.',
    chapter: { path: '/reading/consistency-you-can-feel/', title: 'Consistency you can feel' },
    figures: [
      {
        lab: 'read-replicas',
        path: ['rows', { where: { policy: 'any' } }, 'readYourWrites'],
        what: 'Reads that missed the reader’s own write, any follower',
        unit: 'count',
        row: 'Any follower',
      },
      {
        lab: 'read-replicas',
        path: ['rows', { where: { policy: 'token' } }, 'meanLatencyMs'],
        what: 'Mean read latency, waiting for the writer’s position',
        unit: 'ms',
        row: 'Wait for my position',
      },
    ],
    stores: { kind: 'one', what: 'a follower' },
    work: 'Watch replication lag, and decide per page which reads may be served late.',
  },
  cache: {
    id: 'cache',
    title: 'Put a cache in front of the hottest reads',
    action:
      'Cache the reads that repeat most, invalidate on write and fill with a version check, so that a slow fill cannot put an old value back.',
    chapter: { path: '/reading/caching/', title: 'Caching' },
    figures: [
      {
        lab: 'cache-patterns',
        path: ['rows', { where: { config: 'cache-aside, TTL only, plain fill' } }, 'hitRatePct'],
        what: 'Reads served from the cache, TTL only',
        unit: 'percent',
        row: 'cache-aside, TTL only, plain fill',
      },
      {
        lab: 'cache-patterns',
        path: ['rows', { where: { config: 'cache-aside, TTL only, plain fill' } }, 'staleReads'],
        what: 'Stale reads in that run',
        unit: 'count',
        row: 'cache-aside, TTL only, plain fill',
      },
      {
        lab: 'cache-patterns',
        path: ['rows', { where: { config: 'cache-aside, invalidate on write, versioned fill' } }, 'staleReads'],
        what: 'Stale reads with invalidation and versioned fills',
        unit: 'count',
        row: 'cache-aside, invalidate on write, versioned fill',
      },
    ],
    stores: { kind: 'one', what: 'a cache' },
    work: 'Every write path must invalidate the keys it changes; a cache that crashes comes back cold.',
  },
  'database-per-service': {
    id: 'database-per-service',
    title: 'Give each service its own database',
    action:
      'Split the tables by owner, so that each team changes and deploys its schema alone; other services reach the data through the owner’s API or a copy it publishes.',
    chapter: { path: '/reading/call-copy-or-cache/', title: 'Call, copy or cache' },
    figures: [
      {
        lab: 'read-paths',
        path: ['rows', row('join in a shared database'), 'failedAfterSchemaChange'],
        what: 'Reads broken when the owner renamed a column another team joined on',
        unit: 'count',
        row: 'join in a shared database',
      },
      {
        lab: 'read-paths',
        path: ['rows', row('replicated columns'), 'failedAfterSchemaChange'],
        what: 'Reads broken by the same rename when the reader kept its own copy',
        unit: 'count',
        row: 'replicated columns',
      },
    ],
    stores: { kind: 'per-service' },
    work: 'Cross-service joins become calls or copies, and one transaction can no longer span two services.',
  },
  'outbox-events': {
    id: 'outbox-events',
    title: 'Publish changes through an outbox',
    action:
      'Write each event into an outbox table in the same transaction as the change, and let a relay (or log-based capture) publish it; never commit and publish as two separate steps.',
    chapter: { path: '/events/getting-events-out/', title: 'Getting events out' },
    figures: [
      {
        lab: 'outbox-relay',
        path: ['rows', row('Dual write: commit, then publish'), 'wrongAtEnd'],
        what: 'Changes left wrong downstream, commit then publish',
        unit: 'count',
        row: 'Dual write: commit, then publish',
      },
      {
        lab: 'outbox-relay',
        path: ['rows', row('Transactional outbox, polling relay, every 100 ms'), 'wrongAtEnd'],
        what: 'Changes left wrong downstream, outbox',
        unit: 'count',
        row: 'Transactional outbox, polling relay, every 100 ms',
      },
      {
        lab: 'outbox-relay',
        path: ['rows', row('Transactional outbox, polling relay, every 100 ms'), 'latencyP50Ms'],
        what: 'Median delay from commit to delivery, outbox',
        unit: 'ms',
        row: 'Transactional outbox, polling relay, every 100 ms',
      },
    ],
    stores: { kind: 'one', what: 'a message broker' },
    work: 'A relay to run, and consumers that tolerate duplicates.',
  },
  'eventual-consistency': {
    id: 'eventual-consistency',
    title: 'Let writes across services converge through events',
    action:
      'When one request changes data in two services, let each commit locally and inform the other by event, with compensations for what cannot be completed, instead of calling each other synchronously.',
    chapter: { path: '/transactions/eventual-consistency/', title: 'Eventual consistency' },
    figures: [
      {
        lab: 'eventual-consistency',
        path: ['rows', { where: { pattern: 'request' } }, 'duringOutage', 'refused'],
        what: 'Requests refused during the outage, synchronous calls',
        unit: 'count',
        row: 'Orchestrated request-based',
      },
      {
        lab: 'eventual-consistency',
        path: ['rows', { where: { pattern: 'events' } }, 'duringOutage', 'refused'],
        what: 'Requests refused during the same outage, events',
        unit: 'count',
        row: 'Event-based',
      },
      {
        lab: 'eventual-consistency',
        path: ['rows', { where: { pattern: 'events' } }, 'windowMaxMs'],
        what: 'Longest time the two sides disagreed, events',
        unit: 'ms',
        row: 'Event-based',
      },
    ],
    stores: { kind: 'none' },
    work: 'Compensating actions to design and test, and screens that say “pending”.',
  },
  'cqrs-read-model': {
    id: 'cqrs-read-model',
    title: 'Build a read model from events (CQRS)',
    action:
      'Keep a query-shaped copy of the data other services own, updated from their events, and give each writer its own changes back at once (read-your-writes).',
    chapter: { path: '/reading/cqrs/', title: 'CQRS' },
    figures: [
      {
        lab: 'cqrs-lag',
        path: ['rows', row('No fix'), 'lagP99Ms'],
        what: 'Projection lag at p99 during rush hour',
        unit: 'ms',
        row: 'No fix',
      },
      {
        lab: 'cqrs-lag',
        path: ['rows', row('No fix'), 'stale'],
        what: 'Own orders shown stale, no fix',
        unit: 'count',
        row: 'No fix',
      },
      {
        lab: 'cqrs-lag',
        path: ['rows', row('Read-your-writes'), 'stale'],
        what: 'Own orders shown stale, read-your-writes',
        unit: 'count',
        row: 'Read-your-writes',
      },
    ],
    stores: { kind: 'one', what: 'a read store' },
    work: 'Two models of the same data, a projector to run, and rebuilds when the read model changes shape.',
  },
  'api-composition': {
    id: 'api-composition',
    title: 'Compose reads from the owners’ APIs',
    action:
      'Where a page must show the latest data from several services, call the owners in parallel and merge the answers, with a timeout and a fallback for each.',
    chapter: { path: '/reading/api-composition/', title: 'API composition' },
    figures: [
      {
        lab: 'api-composition',
        path: ['rows', { where: { id: 'newest-paid' } }, 'composer', 'latencyMs'],
        what: 'Time to compose the newest paid orders from the owners',
        unit: 'ms',
        row: 'newest-paid, composer',
      },
      {
        lab: 'api-composition',
        path: ['rows', { where: { id: 'newest-paid' } }, 'readModel', 'latencyMs'],
        what: 'Time for the same page from a read model',
        unit: 'ms',
        row: 'newest-paid, read model',
      },
    ],
    stores: { kind: 'none' },
    work: 'A composer to run; every page is as available as the least available owner it calls.',
  },
  sharding: {
    id: 'sharding',
    title: 'Shard the data by a key that spreads the load',
    action:
      'Partition the rows across several databases by a key that keeps each request on one shard and no shard hot; use consistent hashing so that adding a shard moves few rows.',
    chapter: { path: '/boundaries/sharding/', title: 'Sharding' },
    figures: [
      {
        lab: 'sharding',
        path: ['keys', { where: { key: 'tenant' } }, 'hottestRowShare'],
        what: 'Share of rows on the hottest shard, tenant as the key',
        unit: 'percent',
        row: 'tenant key',
      },
      {
        lab: 'sharding',
        path: ['resharding', { where: { hashing: 'modulo' } }, 'moved'],
        what: 'Rows moved by adding one shard, modulo hashing',
        unit: 'count',
        row: 'modulo',
      },
      {
        lab: 'sharding',
        path: ['conflicts', { where: { mode: 'lww' } }, 'lost'],
        what: 'Concurrent updates lost to last-write-wins',
        unit: 'count',
        row: 'lww',
      },
    ],
    stores: { kind: 'per-shard' },
    work: 'Queries that span shards, rebalancing, and a key that is hard to change later.',
  },
  'warehouse-cdc': {
    id: 'warehouse-cdc',
    title: 'Feed a warehouse from change data capture',
    action:
      'Move reports off the operational database: capture its changes and load them into an analytics store, with one code path that can be replayed when the logic changes.',
    chapter: { path: '/analytics/feeding-analytics/', title: 'Feeding analytics' },
    figures: [
      {
        lab: 'analytics-feeds',
        path: ['feeds', row('Change stream (v1)'), 'lateDropped'],
        what: 'Late closures dropped by the stream',
        unit: 'count',
        row: 'Change stream (v1)',
      },
      {
        lab: 'analytics-feeds',
        path: ['feeds', row('Kappa: stream after replaying v2'), 'errorLast'],
        what: 'Tickets off against the source after a replay with fixed logic',
        unit: 'count',
        row: 'Kappa: stream after replaying v2',
      },
      {
        lab: 'analytics-feeds',
        path: ['feeds', row('Lambda (speed layer + nightly overwrite)'), 'codePaths'],
        what: 'Code paths to keep in step, Lambda',
        unit: 'count',
        row: 'Lambda (speed layer + nightly overwrite)',
      },
    ],
    stores: { kind: 'one', what: 'an analytics store' },
    work: 'A pipeline to run and watch, and a rule for facts that arrive after their day was reported.',
  },
  'warehouse-layers': {
    id: 'warehouse-layers',
    title: 'Layer the warehouse, and let dimensions keep their history',
    action:
      'Land the changes raw, clean and test them in a second layer, and build the reporting tables (facts and dimensions) from that, with a dimension that keeps each customer’s past versions.',
    chapter: { path: '/analytics/warehouse-layers/', title: 'Warehouse layers' },
    figures: [
      {
        lab: 'warehouse-layers',
        path: ['pipeline', 'duplicatesRemoved'],
        what: 'Duplicate change events removed before the reports',
        unit: 'count',
        row: 'pipeline',
      },
      {
        lab: 'warehouse-layers',
        path: ['reports', { where: { label: 'Run 3, day 14: after the late events landed' } }, 'type1Off'],
        what: 'Tickets on the wrong plan, customer dimension overwritten (type 1)',
        unit: 'count',
        row: 'Run 3, day 14',
      },
      {
        lab: 'warehouse-layers',
        path: ['reports', { where: { label: 'Run 3, day 14: after the late events landed' } }, 'type2Off'],
        what: 'Tickets on the wrong plan, customer dimension versioned (type 2)',
        unit: 'count',
        row: 'Run 3, day 14',
      },
    ],
    stores: { kind: 'none' },
    work: 'SQL models run in dependency order, data-quality tests, and a history rule for every dimension.',
  },
  'data-mesh': {
    id: 'data-mesh',
    title: 'Let each domain team publish its data as a product (data mesh)',
    action:
      'Make each domain team own, document and serve its analytical data as versioned products with a contract, under rules every domain follows, instead of one central team owning every pipeline.',
    chapter: { path: '/analytics/data-mesh/', title: 'Data mesh' },
    figures: [
      {
        lab: 'data-mesh',
        path: ['runs', { where: { contractTests: false } }, 'brokenQueries'],
        what: 'Consumer queries broken by two producer changes, no contract test',
        unit: 'count',
        row: 'contract tests off',
      },
      {
        lab: 'data-mesh',
        path: ['runs', { where: { contractTests: true } }, 'brokenQueries'],
        what: 'Consumer queries broken by the same changes, contract tests on',
        unit: 'count',
        row: 'contract tests on',
      },
    ],
    stores: { kind: 'per-domain' },
    work: 'Mostly organisational: data skills in every domain team, a shared platform, and rules all of them follow.',
  },
  'shape-per-question': {
    id: 'shape-per-question',
    title: 'Give each kind of question the shape that answers it, in Postgres first',
    action:
      'Answer connections with a recursive query over a link table, words with a full-text index and similarity with vectors, next to the relational tables; reach for a separate graph, search or vector store only when these run out.',
    chapter: { path: '/analytics/choosing/', title: 'Choosing a data management approach' },
    figures: [
      {
        lab: 'data-shapes',
        path: ['patterns', { where: { pattern: 'within-hops', shape: 'key-value' } }, 'statements'],
        what: 'Round trips to walk three hops through key-value lookups (one as a recursive query)',
        unit: 'count',
        row: 'within 3 hops, key-value',
      },
      {
        lab: 'data-shapes',
        path: ['patterns', { where: { pattern: 'most-similar', shape: 'search' } }, 'sameCategory'],
        what: 'Of the five nearest tickets, found by words alone',
        unit: 'count',
        row: 'most similar, search',
      },
      {
        lab: 'data-shapes',
        path: ['patterns', { where: { pattern: 'most-similar', shape: 'vectors' } }, 'sameCategory'],
        what: 'Of the five nearest tickets, found by vectors',
        unit: 'count',
        row: 'most similar, vectors',
      },
      {
        lab: 'data-shapes',
        path: ['writes', { where: { change: 'product-renamed' } }, 'cost', 'documents'],
        what: 'Documents rewritten by renaming one product (one row in the tables)',
        unit: 'count',
        row: 'product renamed',
      },
    ],
    stores: { kind: 'none' },
    work: 'Indexes and extensions to maintain, and each copy of the data kept in step when the source changes.',
  },
  'backups-dump': {
    id: 'backups-dump',
    title: 'Take scheduled dumps, and rehearse the restore',
    action:
      'Dump every database on a schedule shorter than the data you may lose, keep the dumps elsewhere, and restore one regularly to know how long it takes.',
    chapter: { path: '/boundaries/backups/', title: 'Backups' },
    figures: [
      {
        lab: 'backups',
        path: ['schedules', { where: { dumpEveryMin: 10, shipEveryS: 0 } }, 'lost'],
        what: 'Committed orders lost, dumps only',
        unit: 'count',
        row: 'dump every 10 min',
      },
      {
        lab: 'backups',
        path: ['schedules', { where: { dumpEveryMin: 10, shipEveryS: 0 } }, 'lostWindowMs'],
        what: 'Span of commits lost (the recovery point)',
        unit: 'ms',
        row: 'dump every 10 min',
      },
      {
        lab: 'backups',
        path: ['schedules', { where: { dumpEveryMin: 10, shipEveryS: 0 } }, 'orphans'],
        what: 'Payments left pointing at orders the restore no longer had',
        unit: 'count',
        row: 'dump every 10 min',
      },
    ],
    stores: { kind: 'none' },
    work: 'Vault space, a restore drill, and reconciling with the services that were not restored.',
  },
  'backups-pitr': {
    id: 'backups-pitr',
    title: 'Ship the write-ahead log for point-in-time recovery',
    action: 'Keep a base backup and ship the write-ahead log every few seconds, so that a restore can replay up to just before the damage.',
    chapter: { path: '/boundaries/backups/', title: 'Backups' },
    figures: [
      {
        lab: 'backups',
        path: ['schedules', { where: { dumpEveryMin: 10, shipEveryS: 15 } }, 'lost'],
        what: 'Committed orders lost, log shipped too',
        unit: 'count',
        row: 'dump every 10 min, log every 15 s',
      },
      {
        lab: 'backups',
        path: ['schedules', { where: { dumpEveryMin: 10, shipEveryS: 15 } }, 'lostWindowMs'],
        what: 'Span of commits lost (the recovery point)',
        unit: 'ms',
        row: 'dump every 10 min, log every 15 s',
      },
      {
        lab: 'backups',
        path: ['schedules', { where: { dumpEveryMin: 10, shipEveryS: 15 } }, 'transferMs'],
        what: 'Time to copy the backup and log back (part of the recovery time)',
        unit: 'ms',
        row: 'dump every 10 min, log every 15 s',
      },
    ],
    stores: { kind: 'none' },
    work: 'Log archiving to watch, more vault space, and a restore drill per database.',
  },
  'crypto-shredding': {
    id: 'crypto-shredding',
    title: 'Encrypt personal data with a key per person',
    action:
      'Keep an inventory of every copy of personal data, and seal each person’s fields with their own key, so that erasing them means destroying one key, backups and event logs included.',
    chapter: { path: '/boundaries/personal-data/', title: 'Personal data' },
    figures: [
      {
        lab: 'personal-data',
        path: ['rows', row('Delete every copy'), 'atCheckpoints', 3],
        what: 'Copies still holding the person at the last check, deleting copy by copy',
        unit: 'count',
        row: 'Delete every copy',
      },
      {
        lab: 'personal-data',
        path: ['rows', row('Crypto-shredding: destroy the key'), 'lastGoneAfterMs'],
        what: 'Time until no copy was readable, destroying the key',
        unit: 'ms',
        row: 'Crypto-shredding: destroy the key',
      },
    ],
    stores: { kind: 'one', what: 'a key store' },
    work: 'A key store that is itself backed up with care, and an inventory that must stay complete.',
  },
};
