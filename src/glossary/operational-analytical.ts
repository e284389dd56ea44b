/** Terms of Part I, chapter "Operational and analytical data". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'operational-data',
    term: 'Operational data',
    definition:
      'The data a system needs to do its work at this moment: open tickets and who is assigned to them, current balances, stock that is reserved. It is read and written a few rows at a time, must be correct when it is read, and its reads and writes sit on the path of a waiting user.',
    seeAlso: ['analytical-data', 'oltp'],
  },
  {
    slug: 'analytical-data',
    term: 'Analytical data',
    definition:
      'Data kept to understand the business rather than to run it: history, trends, aggregates over many rows. Queries scan large ranges and group them, nobody is waiting on a single row, and an answer that is minutes or hours old is usually good enough.',
    seeAlso: ['operational-data', 'olap', 'data-freshness'],
  },
  {
    slug: 'oltp',
    term: 'OLTP (online transaction processing)',
    definition:
      'The workload of operational data: many short transactions, each touching a handful of rows found through an index, with tight latency and strict correctness. A ticket system opening, assigning and closing tickets is an OLTP workload.',
    seeAlso: ['olap', 'operational-data'],
  },
  {
    slug: 'olap',
    term: 'OLAP (online analytical processing)',
    definition:
      'The workload of analytical data: few, long queries that read a large part of the history, join or pre-join it, and aggregate it. Engines and schemas built for it favour scans and wide, denormalised rows over single-row updates.',
    seeAlso: ['oltp', 'analytical-data'],
  },
  {
    slug: 'data-freshness',
    term: 'Data freshness (staleness)',
    definition:
      'How far a copy of data lags behind its source. It can be counted in changes the copy does not have yet, or in time: how much older the newest change in the copy is than the newest change in the source. Every copy has some; the design question is how much the reader of the copy can live with.',
    seeAlso: ['etl', 'change-data-capture', 'read-replica'],
  },
  {
    slug: 'etl',
    term: 'ETL (extract, transform, load)',
    definition:
      'A job that copies data from a source into another store: it extracts rows from the source, transforms them into the shape the target wants (joining, renaming, aggregating), and loads them. Run on a schedule, it leaves the target as stale as the time since its last run.',
    seeAlso: ['watermark', 'change-data-capture', 'data-freshness'],
  },
  {
    slug: 'watermark',
    term: 'Watermark (of a copy job)',
    definition:
      'The position up to which a copy job has copied its source, stored so that the next run asks only for what came after it. No change may land behind it once the job has moved past: a log position or a bound below every transaction still running is safe, while a sequence number or an updated_at taken from now() follows commit order only when one writer commits at a time, and skips rows for good under concurrent writers. Following a ticket id or a creation time misses updates to rows already copied.',
    seeAlso: ['etl', 'change-data-capture'],
  },
  {
    slug: 'change-data-capture',
    term: 'Change data capture (CDC)',
    definition:
      'Reading every committed change from a database, usually from its write-ahead log, and passing each one on as an event, so that other stores can follow the source within moments instead of at the next batch run. Debezium reading the Postgres log into Kafka is a common example.',
    seeAlso: ['etl', 'data-freshness'],
  },
  {
    slug: 'read-replica',
    term: 'Read replica',
    definition:
      'A copy of a whole database, kept up to date from the primary’s log, that accepts only reads. Sending reports to it takes their load off the primary, but it keeps the operational schema and shape, and it lags behind the primary by its replication delay.',
    seeAlso: ['data-freshness'],
  },
];
