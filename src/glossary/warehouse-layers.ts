/** Terms of Part VII, chapter "Warehouse layers: medallion and a star schema". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'medallion-architecture',
    term: 'Medallion architecture (bronze, silver, gold)',
    definition:
      'Layering an analytical store by how far data has been refined. Bronze keeps what arrived, unchanged and with its duplicates; silver holds deduplicated, typed, tested tables; gold holds the tables reports read, usually a star schema. Each layer is rebuilt from the one below, so a fix reaches history by running the models again.',
    seeAlso: ['data-lakehouse', 'star-schema', 'data-quality-test'],
  },
  {
    slug: 'data-lakehouse',
    term: 'Data lakehouse',
    definition:
      'Warehouse tables kept as open files (Parquet) in object storage, with a table format such as Delta Lake or Apache Iceberg adding transactions, schema changes and snapshots on top. Several engines can read and write the same tables, and an old snapshot can be read again (time travel).',
    seeAlso: ['medallion-architecture', 'columnar-storage'],
  },
  {
    slug: 'star-schema',
    term: 'Star schema',
    definition:
      'The shape Ralph Kimball’s dimensional modelling gives a reporting database: one fact table per business process, holding measurements and keys, joined to dimension tables that describe the who, what and when. A report is a join from the fact to a few dimensions and a GROUP BY.',
    seeAlso: ['fact-table', 'dimension-table', 'medallion-architecture'],
  },
  {
    slug: 'fact-table',
    term: 'Fact table',
    definition:
      'The centre of a star schema: one row per event of a business process at a declared grain (here, one row per ticket opened), holding keys into the dimensions and numeric measures. It grows with the business; dimensions stay comparatively small.',
    seeAlso: ['star-schema', 'dimension-table'],
  },
  {
    slug: 'dimension-table',
    term: 'Dimension table',
    definition:
      'A table of descriptive attributes that reports group and filter by, such as a customer’s plan or a date’s week. Each row has a surrogate key that fact rows point at.',
    seeAlso: ['star-schema', 'surrogate-key', 'slowly-changing-dimension'],
  },
  {
    slug: 'surrogate-key',
    term: 'Surrogate key',
    definition:
      'A key the warehouse assigns to each dimension row, separate from the source system’s id. Needed as soon as one customer can have several rows, one per version: the fact row points at the version, not at the customer.',
    seeAlso: ['dimension-table', 'slowly-changing-dimension'],
  },
  {
    slug: 'slowly-changing-dimension',
    term: 'Slowly changing dimension (type 1, type 2)',
    definition:
      'How a dimension records an attribute that changes, such as a customer’s plan. Type 1 overwrites it, so every past fact is reported under today’s value. Type 2 adds a row per version with the period it was valid (valid_from, valid_to), and each fact points at the version in force when it happened.',
    seeAlso: ['dimension-table', 'surrogate-key'],
  },
  {
    slug: 'data-quality-test',
    term: 'Data-quality test',
    definition:
      'A query that returns the rows breaking a rule the data must obey (not null, unique, a known foreign key, a value in a set), run as part of each build. Any row returned fails the test; a pipeline then stops, or sets those rows aside with the reason, as dbt tests and their severities allow.',
    seeAlso: ['medallion-architecture'],
  },
  {
    slug: 'transformation-model',
    term: 'Model (in a transformation tool)',
    definition:
      'One table of a warehouse defined as the SELECT that builds it, with the models it reads declared (in dbt, through ref()). The tool orders the models so that each runs after everything it reads, builds them, and runs their tests.',
    seeAlso: ['elt', 'data-quality-test'],
  },
  {
    slug: 'columnar-storage',
    term: 'Columnar storage',
    definition:
      'Storing a table column by column rather than row by row, usually compressed and in large blocks with per-block minimum and maximum values. A query that reads two columns of fifty reads two fiftieths of the data, and can skip blocks that cannot match; updating one row in place is expensive. DuckDB, Snowflake, BigQuery and Parquet files work this way.',
    seeAlso: ['olap', 'data-lakehouse'],
  },
];
