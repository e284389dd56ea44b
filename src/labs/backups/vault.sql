-- The backup store (SQLite), off the services' boxes: dumps line by line, the shipped change log, the job
-- settings and the restore drills' results.
CREATE TABLE config (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO config (key, value) VALUES ('dump_every_min', 10), ('ship_every_s', 0);

CREATE TABLE dumps (
  id          INTEGER PRIMARY KEY,
  service     TEXT NOT NULL,
  taken_at    INTEGER NOT NULL,
  upto_seq    INTEGER NOT NULL,
  source_rows INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  status      TEXT NOT NULL
);

CREATE TABLE dump_lines (
  dump_id INTEGER NOT NULL,
  n       INTEGER NOT NULL,
  line    TEXT NOT NULL,
  PRIMARY KEY (dump_id, n)
);

CREATE TABLE shipped_log (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  op         TEXT NOT NULL,
  order_id   TEXT NOT NULL,
  row_data   TEXT,
  shipped_at INTEGER NOT NULL
);

CREATE TABLE drills (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  dump_id  INTEGER NOT NULL,
  expected INTEGER NOT NULL,
  restored INTEGER NOT NULL,
  result   TEXT NOT NULL
);
