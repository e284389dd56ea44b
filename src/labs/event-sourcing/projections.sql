-- The projections (SQLite): read models built from the event store's log, each with its own checkpoint.

-- The batch of events the projector is applying; every projection's SQL reads from here.
CREATE TABLE incoming (
  position    INTEGER PRIMARY KEY,
  stream      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  schema      INTEGER NOT NULL,
  recorded_at TEXT NOT NULL
);

-- How far each projection has got in the log, committed with its rows. A projection added later, or
-- replayed into a new table, starts at 0 and catches up by itself.
CREATE TABLE checkpoints (
  projection TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  started_at INTEGER NOT NULL
);

-- One row per account: balance and totals. Version 1 of this projection is the one running at first.
CREATE TABLE summary_v1 (
  account        TEXT PRIMARY KEY,
  balance_cents  INTEGER NOT NULL,
  deposits       INTEGER NOT NULL,
  withdrawals    INTEGER NOT NULL,
  last_version   INTEGER NOT NULL
);
INSERT INTO checkpoints VALUES ('summary_v1', 0, 0);

-- What the rest of the system reads. Switching to a replayed projection is redefining this view.
CREATE VIEW account_summary AS SELECT * FROM summary_v1;
