/**
 * The broker's own database: the log of every topic, a cursor per subscription, and the redrives. Portable
 * SQL, so the broker can run on either engine; a reader queries these tables as they would query Kafka's.
 */
import { DEAD_LETTER_TOPIC } from './broker-protocol.ts';
import { sqlText } from './service-sql.ts';
import type { ServiceName } from '../sim/types.ts';

/** Tables of the broker's own database, and one cursor row per subscription. Portable SQL. */
export function brokerSchema(options: { readonly subscriptions: Readonly<Record<string, readonly ServiceName[]>> }): string {
  const cursors = Object.entries(options.subscriptions).flatMap(([topic, consumers]) =>
    consumers.map((consumer) => `(${sqlText(consumer)}, ${sqlText(topic)})`),
  );
  return `
-- Every topic is an append-only log; seq is a record's offset within its topic.
CREATE TABLE broker_log (
  topic        TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  key          TEXT NOT NULL,
  type         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  only_for     TEXT,             -- set on a redriven record: only that consumer receives it
  published_at INTEGER NOT NULL, -- virtual ms
  PRIMARY KEY (topic, seq)
);
-- Where the broker is with each consumer of each topic.
CREATE TABLE broker_subscriptions (
  consumer   TEXT NOT NULL,
  topic      TEXT NOT NULL,
  next_seq   INTEGER NOT NULL DEFAULT 1, -- the record being delivered, or the next one to deliver
  in_flight  INTEGER NOT NULL DEFAULT 0, -- 1 while the broker waits for an answer
  attempts   INTEGER NOT NULL DEFAULT 0, -- deliveries of the current record
  unanswered INTEGER NOT NULL DEFAULT 0, -- deliveries in a row that got no answer
  paused     INTEGER NOT NULL DEFAULT 0, -- 1 when the consumer went silent, until it resumes
  deliveries INTEGER NOT NULL DEFAULT 0, -- a counter that tells a stale redelivery timer it is stale
  PRIMARY KEY (consumer, topic)
);
-- Dead letters an operator handed back to their consumer.
CREATE TABLE broker_redriven (
  dead_letter_seq INTEGER PRIMARY KEY,
  topic           TEXT NOT NULL,
  consumer        TEXT NOT NULL,
  redriven_seq    INTEGER NOT NULL,
  redriven_at     INTEGER NOT NULL
);
${cursors.length > 0 ? `INSERT INTO broker_subscriptions (consumer, topic) VALUES ${cursors.join(', ')};` : ''}
`;
}

/** Dead letters not yet redriven, one row per record: what still waits for a person. */
export const PENDING_DEAD_LETTERS_SQL = `SELECT d.seq, d.key, d.type, d.payload FROM broker_log d
WHERE d.topic = '${DEAD_LETTER_TOPIC}' AND NOT EXISTS (SELECT 1 FROM broker_redriven r WHERE r.dead_letter_seq = d.seq)
ORDER BY d.seq`;
