-- Pattern 3: the key of every event the Customer service has applied, written in the same local
-- transaction as the count, so that a copy of an event already applied is recognised and skipped.
CREATE TABLE processed_keys (
  key          TEXT PRIMARY KEY,
  processed_at INTEGER NOT NULL -- virtual ms
);
