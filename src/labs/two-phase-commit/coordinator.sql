-- The coordinator's durable log (SQLite). The decision is written here before anyone is told.
CREATE TABLE tx_log (
  gid          TEXT PRIMARY KEY,
  from_account TEXT NOT NULL,
  to_account   TEXT NOT NULL,
  amount       INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('started', 'deciding', 'done')),
  decision     TEXT CHECK (decision IN ('commit', 'abort'))
);
