-- The orchestrator's durable memory (SQLite): the sagas it started and an append-only log of every
-- decision. What a saga must do next is worked out from this log alone, before a crash and after it.
CREATE TABLE sagas (
  saga_id    TEXT PRIMARY KEY,
  sku        TEXT NOT NULL,
  qty        INTEGER NOT NULL,
  amount     INTEGER NOT NULL,
  card       TEXT NOT NULL,
  region     TEXT NOT NULL,
  started_at INTEGER NOT NULL
);

CREATE TABLE saga_log (
  seq     INTEGER PRIMARY KEY,
  saga_id TEXT NOT NULL REFERENCES sagas (saga_id),
  step    TEXT,
  event   TEXT NOT NULL CHECK (event IN ('started', 'requested', 'done', 'failed', 'timed-out',
                                         'undo-requested', 'undone', 'completed', 'compensated')),
  detail  TEXT,
  at      INTEGER NOT NULL
);
