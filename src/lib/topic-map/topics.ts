/**
 * Where each topic of the five source articles is taught on this site, as data. The reference page
 * "Where each topic is taught" renders it, and topics.test.ts checks it against the articles, the chapters
 * and the labs, so a renamed heading, a removed lab or a new chapter that no topic points at fails a test.
 *
 * Each topic is listed once, under the article that treats it in most depth, even when others touch it too.
 * `phrase` is a short run of words (at most six) found in that article, so a reader of this file can find
 * the passage the topic comes from; topic names are our own words.
 *
 * A topic is either taught (one or more chapters, with an optional heading anchor, and the labs that show it)
 * or `coming`, with the Part it belongs to. A coming topic whose chapter is already being written carries
 * `plannedPath` and `plannedLab`: when that chapter is merged, replace
 *   { status: 'coming', part, plannedPath: P, plannedLab: L }
 * with
 *   { chapters: [{ path: P, anchor: '…' }], labs: [L] }
 * (the tests then check the anchor and that the chapter embeds the lab).
 */

export type Part = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI' | 'VII';

export interface ChapterRef {
  /** Site path of the chapter, as linked: '/ownership/who-owns/'. */
  readonly path: string;
  /** Slug of a heading in that chapter, without '#'. */
  readonly anchor?: string;
}

interface TopicBase {
  readonly topic: string;
  readonly phrase: string;
}

export interface TaughtTopic extends TopicBase {
  readonly chapters: readonly ChapterRef[];
  readonly labs: readonly string[];
}

export interface ComingTopic extends TopicBase {
  readonly status: 'coming';
  readonly part: Part;
  readonly plannedPath?: string;
  readonly plannedLab?: string;
}

export type Topic = TaughtTopic | ComingTopic;

export interface SourceArticle {
  /** File name under the articles folder. */
  readonly file: string;
  /** Our own short title for the article. */
  readonly title: string;
  /** Anchor of its table on the page. */
  readonly id: string;
  readonly topics: readonly Topic[];
}

export function isTaught(topic: Topic): topic is TaughtTopic {
  return !('status' in topic);
}

const ch = (path: string, anchor?: string): ChapterRef => (anchor ? { path, anchor } : { path });

const OVA = '/operational-data/operational-vs-analytical/';
const SHARED = '/operational-data/shared-database/';
const APART = '/ownership/pulling-apart/';
const WHO = '/ownership/who-owns/';
const JOINT = '/ownership/joint-ownership/';
const TPC = '/transactions/two-phase-commit/';
const SAGAS = '/transactions/sagas/';
const EVENTUAL = '/transactions/eventual-consistency/';
const CHOOSING = '/transactions/choosing/';
const CQRS = '/reading/cqrs/';
const READ_PATHS = '/reading/call-copy-or-cache/';
const COMPOSE = '/reading/api-composition/';
const FEEL = '/reading/consistency-you-can-feel/';
const CACHING = '/reading/caching/';
const EVENTS_OUT = '/events/getting-events-out/';
const ES = '/events/event-sourcing/';
const TXB = '/boundaries/transactional-boundaries/';

/** Chapters whose topics point at the chapter as a whole, with its lab. */
const INSIDE_OUT = { chapters: [ch('/events/inside-out/')], labs: ['log-views'] } as const;
const AGGREGATES = { chapters: [ch('/boundaries/aggregates/')], labs: ['flight-booking'] } as const;
const SHARDING = { chapters: [ch('/boundaries/sharding/')], labs: ['sharding'] } as const;
const BACKUPS = { chapters: [ch('/boundaries/backups/')], labs: ['backups'] } as const;
const PERSONAL = { chapters: [ch('/boundaries/personal-data/')], labs: ['personal-data'] } as const;
const FEEDS = { chapters: [ch('/analytics/feeding-analytics/')], labs: ['analytics-feeds'] } as const;
const LAYERS = '/analytics/warehouse-layers/';
const MESH = '/analytics/data-mesh/';
const SHAPES = '/analytics/choosing/';
const GUIDE = '/analytics/decision-guide/';

export const SOURCES: readonly SourceArticle[] = [
  {
    file: '000_5007a9e1cc23c699.txt',
    id: 'overview',
    title: 'Operational data in a distributed system: an overview',
    topics: [
      {
        topic: 'Data that runs the business versus data that explains it',
        phrase: 'Operational vs Analytical Data',
        chapters: [ch(OVA, 'two-kinds-of-data')],
        labs: ['report-contention'],
      },
      {
        topic: 'Where live data sits once there are services: many stores, reached by calls and by copies',
        phrase: 'Where Operational Data Lives',
        chapters: [ch(OVA, 'where-operational-data-lives')],
        labs: ['report-contention'],
      },
      {
        topic: 'What goes wrong when split services keep one database',
        phrase: 'you hit a wall',
        chapters: [ch(SHARED, 'from-one-database-to-data-domains')],
        labs: ['schema-blast-radius'],
      },
      {
        topic: 'Data domains: groups of tables that follow business capabilities',
        phrase: 'coherent clusters of tables',
        chapters: [ch(SHARED, 'from-one-database-to-data-domains'), ch(APART, 'step-1-discover-the-domains')],
        labs: ['pull-apart'],
      },
      {
        topic: 'One breaking schema change, many teams to coordinate',
        phrase: 'Change control',
        chapters: [ch(SHARED, 'lab-the-blast-radius-of-a-schema-change')],
        labs: ['schema-blast-radius'],
      },
      {
        topic: 'Connection pools of scaled-out services exhausting one database',
        phrase: 'Connection management',
        chapters: [ch(SHARED, 'lab-connections-and-outages')],
        labs: ['connection-pressure'],
      },
      {
        topic: 'A single database as the throughput ceiling',
        phrase: 'stays the throughput bottleneck',
        chapters: [ch(SHARED, 'run-2-ticket-scales-out')],
        labs: ['connection-pressure'],
      },
      {
        topic: 'One database outage taking several services down',
        phrase: 'single point of failure',
        chapters: [ch(SHARED, 'run-4-one-outage-three-services-down')],
        labs: ['connection-pressure'],
      },
      {
        topic: 'Services sharing a database deploy as one unit (architectural quantum)',
        phrase: 'Architectural quanta',
        chapters: [ch(SHARED, 'forces-that-push-tables-apart')],
        labs: [],
      },
      {
        topic: 'Domains that want different kinds of database',
        phrase: 'Database type optimization',
        chapters: [ch(SHARED, 'forces-that-push-tables-apart')],
        labs: [],
      },
      {
        topic: 'Relationships and transactions as reasons to keep tables together',
        phrase: 'Data relationships',
        chapters: [ch(SHARED, 'forces-that-keep-tables-together')],
        labs: [],
      },
      {
        topic: 'Weighing the forces that split against those that join, for one group of tables',
        phrase: 'Choosing data boundaries is always a',
        chapters: [ch(SHARED, 'weigh-them-for-one-group-of-tables')],
        labs: [],
      },
      {
        topic: 'Splitting a shared database in small, reversible steps',
        phrase: 'stepwise process',
        chapters: [ch(APART, 'five-steps')],
        labs: ['pull-apart'],
      },
      {
        topic: 'Moving each domain’s tables into a schema of its own',
        phrase: 'Assign tables to domains',
        chapters: [ch(APART, 'step-2-give-each-domain-a-schema')],
        labs: ['pull-apart'],
      },
      {
        topic: 'Database credentials that reach only a service’s own schema',
        phrase: 'Limit each service to its',
        chapters: [ch(APART, 'step-3-fence-each-service-in')],
        labs: ['pull-apart'],
      },
      {
        topic: 'Giving a domain’s schema a database server of its own',
        phrase: 'Move schemas to separate servers',
        chapters: [ch(APART, 'step-4-move-the-ticket-schema-to-its-own-database')],
        labs: ['pull-apart'],
      },
      {
        topic: 'Cutting services over to the new databases and retiring the old schema',
        phrase: 'Switch services over to new databases',
        chapters: [ch(APART, 'step-5-switch-over-for-good')],
        labs: ['pull-apart'],
      },
      {
        topic: 'A table every service writes, handed to one owning service',
        phrase: 'Common ownership',
        chapters: [ch(WHO, 'common-ownership-and-reference-data')],
        labs: ['ownership-detective'],
      },
      {
        topic: 'ACID inside a service, eventual consistency between services',
        phrase: 'Use ACID locally',
        chapters: [ch(TPC, 'what-one-database-gives-you'), ch(CHOOSING, 'blocking-or-compensating')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'Calling the owning service on every read',
        phrase: 'Direct Interservice Communication',
        chapters: [ch(READ_PATHS, 'six-ways-to-read-a-name-and-a-plan')],
        labs: ['read-paths'],
      },
      {
        topic: 'Keeping a local copy of a few columns another service owns',
        phrase: 'Column or Schema Replication',
        chapters: [ch(READ_PATHS, 'six-ways-to-read-a-name-and-a-plan')],
        labs: ['read-paths'],
      },
      {
        topic: 'An in-memory copy of another service’s data, refreshed by events or expiry',
        phrase: 'Replicated Caching',
        chapters: [ch(READ_PATHS, 'six-ways-to-read-a-name-and-a-plan'), ch(CACHING)],
        labs: ['read-paths', 'cache-patterns'],
      },
      {
        topic: 'Reading through a database shared inside one tightly drawn domain',
        phrase: 'Data Domains and Shared Databases',
        chapters: [ch(READ_PATHS, 'six-ways-to-read-a-name-and-a-plan')],
        labs: ['read-paths'],
      },
    ],
  },
  {
    file: '001_c0513db0297caa3c.txt',
    id: 'strategy',
    title: 'Choosing a data strategy, from transactions to analytics',
    topics: [
      {
        topic: 'A database per service, each free to pick its own engine',
        phrase: 'Polyglot Persistence',
        chapters: [ch(SHARED, 'forces-that-push-tables-apart')],
        labs: ['schema-blast-radius'],
      },
      {
        topic: 'What one shared database still buys: easy ACID, a fast start',
        phrase: 'Fast initial development',
        chapters: [ch(SHARED, 'forces-that-keep-tables-together')],
        labs: ['connection-pressure'],
      },
      {
        topic: 'When two-phase commit is worth its locks, and when a saga is the better trade',
        phrase: 'Rarely used in modern cloud architectures',
        chapters: [ch(CHOOSING, 'blocking-or-compensating')],
        labs: ['two-phase-commit', 'order-saga'],
      },
      {
        topic: 'Orchestration versus choreography for a saga',
        phrase: 'Two Implementation Styles',
        chapters: [ch(SAGAS, 'orchestration-or-choreography')],
        labs: ['order-saga'],
      },
      {
        topic: 'Undoing completed steps newest first',
        phrase: 'Compensations execute in reverse order',
        chapters: [ch(SAGAS, '3-a-step-fails-compensation-newest-first')],
        labs: ['order-saga'],
      },
      {
        topic: 'Idempotency keys so a retried step runs once',
        phrase: 'Each step must be safe to',
        chapters: [ch(SAGAS, 'idempotency-keys')],
        labs: ['order-saga'],
      },
      {
        topic: 'Deadlines for a silent participant, and a queue for failures a person must look at',
        phrase: 'Dead Letter Queue',
        chapters: [ch(SAGAS, 'timeouts-retries-and-the-dead-letter-topic')],
        labs: ['order-saga'],
      },
      {
        topic: 'Composing a page in memory: slow, and no sorting or paging across sources',
        phrase: 'cannot do complex sorting/pagination',
        chapters: [ch(COMPOSE, 'measured-the-same-pages-two-ways')],
        labs: ['api-composition'],
      },
      {
        topic: 'Separate models for writing and for reading',
        phrase: 'Command Query Responsibility Segregation',
        chapters: [ch(CQRS, 'two-shapes-of-one-order')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'Seeing your own write at once: read the write side for a while',
        phrase: 'Read-Your-Writes',
        chapters: [ch(CQRS, 'four-ways-to-show-you-your-own-order')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'Drawing the expected result before the server confirms it',
        phrase: 'Optimistic UI',
        chapters: [ch(CQRS, 'four-ways-to-show-you-your-own-order')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'Polling or push until the read side catches up',
        phrase: 'Polling / WebSocket',
        chapters: [ch(CQRS, 'four-ways-to-show-you-your-own-order')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'Holding a read until the read side has reached the write’s position',
        phrase: 'Version Tokens',
        chapters: [ch(CQRS, 'four-ways-to-show-you-your-own-order'), ch(FEEL, 'guided-runs')],
        labs: ['cqrs-lag', 'read-replicas'],
      },
      {
        topic: 'Nightly batch copies and the day of lag they bring',
        phrase: 'ETL (Extract, Transform, Load)',
        ...FEEDS,
      },
      {
        topic: 'Reading the database’s log to stream every change out',
        phrase: 'Listen to database logs',
        chapters: [ch(EVENTS_OUT, 'reading-the-write-ahead-log')],
        labs: ['outbox-relay'],
      },
      {
        topic: 'Splitting one big table across machines',
        phrase: 'Sharding (Horizontal Partitioning)',
        ...SHARDING,
      },
      {
        topic: 'Choosing the shard key, and the hot shard a bad one makes',
        phrase: 'Sharding Key selection is crucial',
        ...SHARDING,
      },
      {
        topic: 'One leader for writes, followers for reads',
        phrase: 'Write to master, read from',
        chapters: [ch(FEEL, 'the-lab')],
        labs: ['read-replicas'],
      },
      {
        topic: 'Several writable copies and the conflicts they must resolve',
        phrase: 'requires conflict resolution',
        ...SHARDING,
      },
      {
        topic: 'Cache-aside, and the race that can pin an old value',
        phrase: 'Cache-Aside',
        chapters: [ch(CACHING, 'the-race-in-cache-aside')],
        labs: ['cache-patterns'],
      },
      {
        topic: 'Writing through the cache, or to the cache first and the database later',
        phrase: 'Write-Through',
        chapters: [ch(CACHING, 'one-read-one-write')],
        labs: ['cache-patterns'],
      },
      {
        topic: 'How long a cached value may live, and what a stale one costs',
        phrase: 'What TTL (Time-to-Live) can your',
        chapters: [ch(CACHING, 'why-a-cache-and-what-it-costs'), ch(READ_PATHS, 'six-ways-to-read-a-name-and-a-plan')],
        labs: ['cache-patterns', 'read-paths'],
      },
      {
        topic: 'Strong consistency: every read sees the latest write',
        phrase: 'Strong Consistency',
        chapters: [ch(FEEL, 'a-map-of-consistency-models')],
        labs: ['read-replicas'],
      },
      {
        topic: 'Eventual consistency: copies agree once writes stop',
        phrase: 'Data converges eventually',
        chapters: [ch(FEEL, 'a-map-of-consistency-models')],
        labs: ['read-replicas'],
      },
      {
        topic: 'Session guarantees: your own writes now, everyone else’s a little later',
        phrase: 'Causal Consistency',
        chapters: [ch(FEEL, 'guided-runs')],
        labs: ['read-replicas'],
      },
      {
        topic: 'A fast approximate stream beside a slow exact batch',
        phrase: 'Lambda Architecture',
        ...FEEDS,
      },
      {
        topic: 'One streaming path for history and new data alike',
        phrase: 'Kappa Architecture',
        ...FEEDS,
      },
      {
        topic: 'Pushing results from the warehouse back into live systems (reverse ETL)',
        phrase: 'Reverse ETL',
        ...FEEDS,
      },
      {
        topic: 'Data mesh: domain teams publishing data as products, under shared rules',
        phrase: 'Treat data as',
        chapters: [ch(MESH, 'four-ideas-one-organisation'), ch(MESH, 'the-lab')],
        labs: ['data-mesh'],
      },
      {
        topic: 'Bronze, silver and gold layers in a lakehouse',
        phrase: 'Adopt Medallion Architecture',
        chapters: [ch(LAYERS, 'three-layers-and-a-star'), ch(LAYERS, 'run-2-duplicates-late-events-and-bad-records')],
        labs: ['warehouse-layers'],
      },
      {
        topic: 'A star schema for the reporting layer',
        phrase: 'Kimball (Star Schema)',
        chapters: [ch(LAYERS, 'three-layers-and-a-star'), ch(LAYERS, 'run-1-a-plan-changes-mid-month')],
        labs: ['warehouse-layers'],
      },
      {
        topic: 'From a requirement to a pattern and its cost: a decision table',
        phrase: 'Decision Matrix',
        chapters: [ch(GUIDE, 'the-decision-matrix'), ch(SHAPES, 'choosing')],
        labs: ['data-shapes'],
      },
      {
        topic: 'A reference stack for each kind of workload, graph and vector stores included',
        phrase: 'Technology Stack by Scenario',
        chapters: [ch(SHAPES, 'six-shapes'), ch(SHAPES, 'measured-one-data-set-six-shapes'), ch(GUIDE, 'the-decision-matrix')],
        labs: ['data-shapes'],
      },
      {
        topic: 'Volume, read/write mix, tolerated staleness and team independence as the deciding questions',
        phrase: 'Read/Write Ratio',
        chapters: [ch(GUIDE, 'how-to-read-the-path'), ch(SHAPES, 'the-whole-site-in-one-table')],
        labs: ['data-shapes'],
      },
      {
        topic: 'A starting architecture by kind of organisation, and whether the pain is technical or organisational',
        phrase: 'Quick Decision Guide by Organization Type',
        chapters: [ch(GUIDE, 'the-stage-of-the-organisation'), ch(GUIDE, 'technical-pain-organisational-pain')],
        labs: [],
      },
      {
        topic: 'How much data a failure may lose, and how long recovery may take',
        phrase: 'RPO (Recovery Point Objective)',
        ...BACKUPS,
      },
      {
        topic: 'Who may see personal data, and masking it for everyone else',
        phrase: 'Is there Data Masking',
        ...PERSONAL,
      },
    ],
  },
  {
    file: '002_25e0ed1d6bd60931.txt',
    id: 'patterns',
    title: 'A catalogue of data patterns for services',
    topics: [
      {
        topic: 'What a database of its own gives a service: independent change, scaling and failure',
        phrase: 'Why Database Per Service',
        chapters: [ch(SHARED, 'lab-the-blast-radius-of-a-schema-change'), ch(SHARED, 'lab-connections-and-outages')],
        labs: ['schema-blast-radius', 'connection-pressure'],
      },
      {
        topic: 'Replacing another service’s tables with calls to its API',
        phrase: 'Replace direct queries with API',
        chapters: [ch(APART, 'step-3-fence-each-service-in')],
        labs: ['pull-apart'],
      },
      {
        topic: 'A composer that calls the owners in parallel and merges their answers',
        phrase: 'Retrieve data from multiple services',
        chapters: [ch(COMPOSE, 'how-the-composer-builds-a-page')],
        labs: ['api-composition'],
      },
      {
        topic: 'When composing at read time is enough',
        phrase: 'API Composition Fits',
        chapters: [ch(COMPOSE, 'choosing')],
        labs: ['api-composition'],
      },
      {
        topic: 'Three ways to join across services: compose, project, or copy',
        phrase: 'handle joins across microservices',
        chapters: [ch(COMPOSE, 'choosing'), ch(READ_PATHS, 'choosing')],
        labs: ['api-composition', 'read-paths'],
      },
      {
        topic: 'A projector that turns write-side events into a denormalised read model',
        phrase: 'Consumes events; updates read model',
        chapters: [ch(CQRS, 'what-happens-to-one-order')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'When a separate read model is not worth it',
        phrase: 'When to Use CQRS',
        chapters: [ch(CQRS, 'choosing')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'Events as the record, state as their fold',
        phrase: 'Store events as the source',
        chapters: [ch(ES, 'the-idea-in-one-paragraph')],
        labs: ['event-sourcing'],
      },
      {
        topic: 'Snapshots that shorten a replay',
        phrase: 'Periodic state capture to speed',
        chapters: [ch(ES, 'measured-replays-conflicts-storage-rebuilds')],
        labs: ['event-sourcing'],
      },
      {
        topic: 'When event sourcing pays, and when plain rows are enough',
        phrase: 'When to Use Event Sourcing',
        chapters: [ch(ES, 'choosing')],
        labs: ['event-sourcing'],
      },
      {
        topic: 'How a read model and an event store differ, and why they are often paired',
        phrase: 'difference between CQRS and Event Sourcing',
        chapters: [ch(ES, 'what-it-costs')],
        labs: ['event-sourcing'],
      },
      {
        topic: 'Local copies kept current by the owner’s change events',
        phrase: 'Data Replication via Events',
        chapters: [ch(READ_PATHS, 'guided-runs')],
        labs: ['read-paths'],
      },
      {
        topic: 'What to copy (slow-changing reference data) and what not to (fast-changing or sensitive)',
        phrase: 'What to Replicate',
        chapters: [ch(READ_PATHS, 'choosing')],
        labs: ['read-paths'],
      },
      {
        topic: 'Keeping as few copies of personal data as possible',
        phrase: 'Sensitive data (minimize copies)',
        ...PERSONAL,
      },
      {
        topic: 'A saga: local transactions, each paired with a compensating action',
        phrase: 'Forward Action',
        chapters: [ch(SAGAS, 'what-a-saga-is')],
        labs: ['order-saga'],
      },
      {
        topic: 'The outbox: the change and its message in one local transaction, published afterwards',
        phrase: 'Outbox Pattern',
        chapters: [ch(EVENTS_OUT, 'the-lab')],
        labs: ['outbox-relay'],
      },
    ],
  },
  {
    file: '003_8b11e68748941a44.txt',
    id: 'ownership',
    title: 'Who owns the data, and transactions across owners',
    topics: [
      {
        topic: 'Single ownership: the one service that writes a table owns it',
        phrase: 'Single Ownership',
        chapters: [ch(WHO, 'the-rule-whoever-writes-a-table-owns-it'), ch(WHO, 'run-1-an-ordinary-month')],
        labs: ['ownership-detective'],
      },
      {
        topic: 'Reference data many services read: a service, copies, or a shared schema',
        phrase: 'Shared reference data service',
        chapters: [ch(WHO, 'common-ownership-and-reference-data')],
        labs: ['ownership-detective'],
      },
      {
        topic: 'Joint ownership: two services writing the same table',
        phrase: 'Joint Ownership',
        chapters: [ch(WHO, 'joint-ownership-in-one-paragraph'), ch(JOINT, 'the-jointly-written-table')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'Splitting the table by who writes which columns',
        phrase: 'Table Split',
        chapters: [ch(JOINT, 'table-split')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'A schema shared on purpose by exactly the services that write it',
        phrase: 'create a shared data domain',
        chapters: [ch(JOINT, 'data-domain')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'One owner, and the other service writes through its API',
        phrase: 'Delegate',
        chapters: [ch(JOINT, 'delegate')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'Merging two services that were split too finely',
        phrase: 'Service Consolidation',
        chapters: [ch(JOINT, 'service-consolidation')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'A delegating service that cannot write while the owner is down',
        phrase: 'if owner is down',
        chapters: [ch(JOINT, 'run-4-one-service-down')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'Integrity across a split table, now enforced by code',
        phrase: 'requires application-level enforcement',
        chapters: [ch(JOINT, 'run-3-integrity-under-concurrent-writes')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'Picking one of the four techniques for a jointly written table',
        phrase: 'Choosing Among the Four Techniques',
        chapters: [ch(JOINT, 'choosing-a-technique')],
        labs: ['joint-ownership'],
      },
      {
        topic: 'A business action that commits in one database and fails in the next',
        phrase: 'Why ACID Breaks Across Services',
        chapters: [ch(TPC, 'two-services-two-commits')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'Prepare, vote, then commit or roll back everywhere',
        phrase: 'Phase 1 — Prepare',
        chapters: [ch(TPC, 'two-phase-commit-step-by-step')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'Participants stuck holding locks while the coordinator is gone',
        phrase: 'Blocking protocol',
        chapters: [ch(TPC, '3-strand-a-transfer'), ch(TPC, '4-restart-the-coordinator-presumed-abort')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'Locks held through both phases, and a slow participant that holds everyone up',
        phrase: 'hold locks through both phases',
        chapters: [ch(TPC, '6-a-slow-participant')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'Every participant must be up at once: availability multiplies down',
        phrase: 'Synchronous coupling',
        chapters: [ch(TPC, 'what-two-phase-commit-costs')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'The XA standard, and why it rarely crosses HTTP between services',
        phrase: 'XA protocol',
        chapters: [ch(TPC, 'where-it-shows-up-in-real-systems')],
        labs: ['two-phase-commit'],
      },
      {
        topic: 'A reconciliation job that repairs the copies later',
        phrase: 'Background Synchronization',
        chapters: [ch(EVENTUAL, 'pattern-1-background-synchronization')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'A central service calling each participant in turn and compensating on failure',
        phrase: 'Orchestrated Request-Based Pattern',
        chapters: [ch(EVENTUAL, 'pattern-2-orchestrated-request-based')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'Services reacting to each other’s published events',
        phrase: 'Event-Based Pattern',
        chapters: [ch(EVENTUAL, 'pattern-3-event-based')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'The three patterns compared, and choosing by how long data may disagree',
        phrase: 'Choose an eventual consistency pattern',
        chapters: [ch(EVENTUAL, 'measured-the-three-patterns-on-the-same-workload'), ch(EVENTUAL, 'choosing')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'A compensation moves forward: a new action, not an undo',
        phrase: 'Compensating transactions are not rollbacks',
        chapters: [ch(SAGAS, 'what-a-saga-is')],
        labs: ['order-saga'],
      },
      {
        topic: 'Workflow state that survives an orchestrator crash',
        phrase: 'persistent workflow state',
        chapters: [ch(SAGAS, '4-crashes-on-either-side-of-a-commit')],
        labs: ['order-saga'],
      },
      {
        topic: 'Consumers that count a redelivered event once',
        phrase: 'at-least-once delivery',
        chapters: [ch(EVENTUAL, 'guided-runs')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'Events that arrive out of order',
        phrase: 'Out-of-order events',
        chapters: [ch(CQRS, 'applying-events-safely')],
        labs: ['cqrs-lag'],
      },
      {
        topic: 'Retries that pile onto a struggling service',
        phrase: 'Retry storms',
        chapters: [ch(READ_PATHS, 'guided-runs')],
        labs: ['read-paths'],
      },
      {
        topic: 'Living with intermediate states users can see',
        phrase: 'transient inconsistencies',
        chapters: [ch(CHOOSING, 'living-with-visible-intermediate-states')],
        labs: ['order-saga'],
      },
    ],
  },
  {
    file: '004_291554a6686f0d86.txt',
    id: 'domains',
    title: 'Domains, boundaries and events: why data is the hard part',
    topics: [
      {
        topic: 'Team autonomy as the reason each service keeps its own database',
        phrase: 'own and control its own database',
        chapters: [ch(SHARED, 'from-one-database-to-data-domains')],
        labs: ['schema-blast-radius'],
      },
      {
        topic: 'One word, several meanings: bounded contexts',
        phrase: 'there is no reality',
        chapters: [ch('/boundaries/aggregates/', 'one-word-two-contexts')],
        labs: ['flight-booking'],
      },
      {
        topic: 'The transactional boundary: the least that must be atomic for a business rule',
        phrase: 'smallest unit of atomicity',
        chapters: [ch(TXB, 'the-forces')],
        labs: ['isolation'],
      },
      {
        topic: 'Isolation inside one database: lost updates and oversold seats',
        phrase: 'single, relational, ACID, database',
        chapters: [ch(TXB, 'guided-runs')],
        labs: ['isolation'],
      },
      {
        topic: 'An aggregate drawn too big, so unrelated changes collide',
        phrase: 'a flight aggregate',
        chapters: [ch(TXB, 'how-big-should-the-boundary-be')],
        labs: ['isolation'],
      },
      {
        topic: 'Small aggregates for booking, seat availability and schedule',
        phrase: 'their own independent aggregates',
        ...AGGREGATES,
      },
      {
        topic: 'Reserving a seat instead of assigning it',
        phrase: 'we just reserve the seat',
        ...AGGREGATES,
      },
      {
        topic: 'A domain event that lets another context do its part later',
        phrase: 'NewBookingCreated',
        chapters: [ch(EVENTUAL, 'pattern-3-event-based')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'Writing to the database and publishing a message as one step',
        phrase: 'publish to a queue/messaging appliance atomically',
        chapters: [ch(EVENTS_OUT, 'the-situation')],
        labs: ['outbox-relay'],
      },
      {
        topic: 'What communicating by events costs: harder debugging and operations',
        phrase: 'Debugging is difficult',
        chapters: [ch(EVENTUAL, 'choosing')],
        labs: ['eventual-consistency'],
      },
      {
        topic: 'CAP: under a partition, answer stale or refuse',
        phrase: 'CAP Theorem',
        chapters: [ch(FEEL, 'cap-is-the-choice-you-just-made')],
        labs: ['read-replicas'],
      },
      {
        topic: 'The database turned inside out: stores as views over a durable log',
        phrase: 'turn the database inside out',
        ...INSIDE_OUT,
      },
      {
        topic: 'A new application built by reading the log from the start',
        phrase: 're-read the past events',
        ...INSIDE_OUT,
      },
      {
        topic: 'Testing a new version, a new schema or a new engine by replaying history',
        phrase: 'exhaustive testing on it by replaying',
        ...INSIDE_OUT,
      },
      {
        topic: 'An audit trail that comes with the log',
        phrase: 'perfect audit logging for free',
        ...INSIDE_OUT,
      },
    ],
  },
];
