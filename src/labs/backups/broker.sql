-- The broker's topic of order events (SQLite), as a Kafka topic with a retention time: events older than the
-- retention are deleted as new ones arrive.
CREATE TABLE order_events (
  "offset"     INTEGER PRIMARY KEY AUTOINCREMENT,
  published_at INTEGER NOT NULL,
  order_id     TEXT NOT NULL,
  payload      TEXT NOT NULL
);
