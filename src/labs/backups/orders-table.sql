-- The orders table alone: what a restore recreates before it loads a dump (the change log and its trigger
-- function stay; the trigger is attached again once the rows are in).
CREATE TABLE orders (
  id             TEXT PRIMARY KEY,
  customer       TEXT NOT NULL,
  address        TEXT,
  total_cents    INTEGER NOT NULL,
  pay            TEXT NOT NULL,
  placed_at      BIGINT NOT NULL,
  recovered_from TEXT
);
