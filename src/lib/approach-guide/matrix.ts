/**
 * The source articles' decision matrix, technology-by-scenario table and database selection table, merged into
 * one table whose every row points at the steps (and so the chapters and measured figures) that test it. Rows
 * no lab measures say so and cite the article section they come from.
 */
import type { StepId } from './steps.ts';

/** The topic map's anchor for each source article (src/lib/topic-map/topics.ts). */
export type SourceId = 'strategy' | 'patterns';

export interface MatrixRow {
  readonly requirement: string;
  readonly approach: string;
  /** Stores commonly used for it in production, as the source lists them. */
  readonly technology: string;
  /** The source's own rating of the cost, where it gives one. */
  readonly sourceCost: string | null;
  readonly source: { readonly article: SourceId; readonly section: string };
  /** The steps whose labs measured it; empty when no lab on this site does. */
  readonly steps: readonly StepId[];
}

export const MATRIX: readonly MatrixRow[] = [
  {
    requirement: 'Many concurrent reads of the same data',
    approach: 'Separate reads from writes, and cache',
    technology: 'Postgres followers, Redis',
    sourceCost: 'medium, in operations',
    source: { article: 'strategy', section: 'Decision Matrix' },
    steps: ['read-replica', 'cache'],
  },
  {
    requirement: 'Queries over data several services own',
    approach: 'Compose from the owners, or keep a read model',
    technology: 'An API gateway or BFF; Elasticsearch for a read model',
    sourceCost: null,
    source: { article: 'patterns', section: 'Challenges' },
    steps: ['api-composition', 'cqrs-read-model'],
  },
  {
    requirement: 'Writes that span services',
    approach: 'Eventual consistency: local commits, events, compensations',
    technology: 'Kafka or RabbitMQ behind an outbox',
    sourceCost: 'medium, in development',
    source: { article: 'strategy', section: 'Decision Matrix' },
    steps: ['eventual-consistency', 'outbox-events'],
  },
  {
    requirement: 'Reports and search over operational data',
    approach: 'Copy changes out by CDC into a store built for it',
    technology: 'Snowflake, BigQuery or Redshift; dbt',
    sourceCost: 'low',
    source: { article: 'strategy', section: 'Decision Matrix' },
    steps: ['warehouse-cdc'],
  },
  {
    requirement: 'Teams that must change and deploy on their own',
    approach: 'A database per service instead of a shared one',
    technology: 'PostgreSQL or MySQL per service',
    sourceCost: null,
    source: { article: 'patterns', section: 'Why Database Per Service?' },
    steps: ['database-per-service'],
  },
  {
    requirement: 'A small team and one product',
    approach: 'One shared database, kept consistent by its transactions',
    technology: 'PostgreSQL or MySQL',
    sourceCost: 'low at first; the debt grows with every team',
    source: { article: 'strategy', section: 'Quick Decision Guide by Organization Type' },
    steps: ['one-database'],
  },
  {
    requirement: 'More writes or data than one server holds',
    approach: 'Shard horizontally',
    technology: 'Several Postgres or MySQL shards; DynamoDB or Cassandra for write-heavy feeds',
    sourceCost: null,
    source: { article: 'strategy', section: 'Scalability' },
    steps: ['sharding'],
  },
  {
    requirement: 'Analytical data owned by many domains',
    approach: 'Data mesh',
    technology: 'A catalogue such as DataHub or Unity Catalog',
    sourceCost: 'very high, and organisational',
    source: { article: 'strategy', section: 'Decision Matrix' },
    steps: ['data-mesh'],
  },
  {
    requirement: 'A bound on data lost in a disaster (RPO) and on recovery time (RTO)',
    approach: 'Backups sized to the bound, and restore drills',
    technology: 'Base backups with write-ahead log archiving',
    sourceCost: null,
    source: { article: 'strategy', section: 'Reliability' },
    steps: ['backups-dump', 'backups-pitr'],
  },
  {
    requirement: 'Personal data under an erasure duty',
    approach: 'Know every copy; erase by destroying a per-person key',
    technology: 'A key management service',
    sourceCost: null,
    source: { article: 'strategy', section: 'Governance & Security' },
    steps: ['crypto-shredding'],
  },
  {
    requirement: 'Reports that must be clean, and right about the past',
    approach: 'Raw, cleaned and modelled layers, with a star schema whose dimensions keep history',
    technology: 'dbt on Snowflake, BigQuery or a lakehouse (Delta Lake, Iceberg)',
    sourceCost: null,
    source: { article: 'strategy', section: 'Adopt Medallion Architecture' },
    steps: ['warehouse-layers'],
  },
  {
    requirement: 'Highly connected data, such as a social graph',
    approach: 'A graph database',
    technology: 'Neo4j, Amazon Neptune',
    sourceCost: 'medium',
    source: { article: 'strategy', section: 'Decision Matrix' },
    steps: ['shape-per-question'],
  },
  {
    requirement: 'Semantic search and retrieval for AI features',
    approach: 'A vector database',
    technology: 'Pinecone, Milvus, Weaviate, Qdrant',
    sourceCost: 'high, and growing',
    source: { article: 'strategy', section: 'Decision Matrix' },
    steps: ['shape-per-question'],
  },
];
