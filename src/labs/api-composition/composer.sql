-- The composer's own small store (SQLite): its configuration, its circuit breakers, and a log of every
-- call it made and every page it served, so that what it did can be checked afterwards.

-- What to do when a call fails: fail the whole page, or omit that part and mark the page partial.
-- Orders is the page itself: without it there is nothing to show, so it may only fail.
CREATE TABLE fallbacks (
  service    TEXT PRIMARY KEY,
  on_failure TEXT NOT NULL CHECK (on_failure IN ('fail', 'omit')),
  CHECK (service <> 'orders' OR on_failure = 'fail')
);
INSERT INTO fallbacks (service, on_failure) VALUES ('orders', 'fail'), ('customers', 'omit'), ('payments', 'fail');

CREATE TABLE breakers (
  service    TEXT PRIMARY KEY,
  state      TEXT NOT NULL CHECK (state IN ('closed', 'open', 'half-open')),
  failures   INTEGER NOT NULL,
  changed_at INTEGER NOT NULL
);
INSERT INTO breakers (service, state, failures, changed_at) VALUES ('orders', 'closed', 0, 0), ('customers', 'closed', 0, 0), ('payments', 'closed', 0, 0);

CREATE TABLE calls (
  call_id    INTEGER PRIMARY KEY,
  req_id     INTEGER NOT NULL,
  service    TEXT NOT NULL,
  op         TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,
  settled_at INTEGER,
  outcome    TEXT CHECK (outcome IN ('answered', 'timed-out', 'short-circuited')),
  rows       INTEGER
);

CREATE TABLE served_pages (
  req_id     INTEGER PRIMARY KEY,
  page       TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  served_at  INTEGER NOT NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('complete', 'partial', 'error')),
  missing    TEXT NOT NULL,
  rows_moved INTEGER NOT NULL,
  error      TEXT
);
CREATE TABLE served_rows (
  req_id         INTEGER NOT NULL,
  pos            INTEGER NOT NULL,
  order_id       TEXT NOT NULL,
  customer_name  TEXT,
  payment_status TEXT,
  total_cents    INTEGER NOT NULL,
  PRIMARY KEY (req_id, pos)
);
