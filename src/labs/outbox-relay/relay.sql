-- The relay's own database (SQLite): where each capture stands, as Kafka Connect keeps a connector's offsets.
-- The outbox relay needs no row here: it marks what it sent in the outbox itself.
CREATE TABLE offsets (
  capture  TEXT PRIMARY KEY,
  position TEXT NOT NULL
);
INSERT INTO offsets (capture, position) VALUES ('seq-copier', '0'), ('safe-copier', '0');
