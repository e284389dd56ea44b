/** Terms introduced by the chapter "Getting events out: dual writes, the outbox and change data capture". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'dual-write',
    term: 'Dual write',
    definition:
      'Changing a database and publishing a message about it as two separate operations, with no transaction spanning both. Whichever goes first, a crash or a refused commit between them leaves one done without the other: a change nobody hears of, or an announcement of a change that never happened.',
    seeAlso: ['phantom-event', 'outbox'],
  },
  {
    slug: 'phantom-event',
    term: 'Phantom event',
    definition:
      'An event announcing a change that the source never committed, because it was published before a transaction that then failed or never ran. Consumers act on it, and nothing later takes it back.',
    seeAlso: ['dual-write'],
  },
  {
    slug: 'write-ahead-log',
    term: 'Write-ahead log (WAL)',
    definition:
      'The append-only file in which Postgres records every change before it touches the tables, ending each transaction with a commit or abort record. It exists for crash recovery and replication; read in order, it lists committed changes in the order they committed.',
    seeAlso: ['log-sequence-number', 'logical-decoding', 'replication-slot'],
  },
  {
    slug: 'query-based-capture',
    term: 'Query-based capture',
    definition:
      'Finding what changed in a table by querying it for rows past a remembered watermark, such as a sequence number or an updated_at time. It sees only the current state of each row, never deletes or the states in between, and skips rows for good if the watermark does not follow commit order.',
    seeAlso: ['watermark', 'change-data-capture'],
  },
  {
    slug: 'logical-decoding',
    term: 'Logical decoding',
    definition:
      'Postgres turning its write-ahead log back into changes a client can use: rows inserted, updated and deleted, and messages written with pg_logical_emit_message, grouped by transaction and handed over when each one commits. Debezium and logical replication are built on it.',
    seeAlso: ['write-ahead-log', 'replication-slot'],
  },
  {
    slug: 'replication-slot',
    term: 'Replication slot',
    definition:
      'A named bookmark on a Postgres server for one consumer of its log: where that consumer must resume, and how far it has confirmed. The server keeps every log segment the slot still needs, so a consumer that stops loses nothing, and a consumer that never comes back fills the disk.',
    seeAlso: ['logical-decoding', 'write-ahead-log'],
  },
  {
    slug: 'idempotent-consumer',
    term: 'Idempotent consumer',
    definition:
      'A consumer that records the id of each event it has applied, in the same transaction as the effect, and skips an id it already holds. Relays deliver at least once, so every consumer downstream of one has to be this.',
    seeAlso: ['idempotency-key', 'outbox'],
  },
];
