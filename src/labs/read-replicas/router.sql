-- The router's own configuration and log, in SQLite: a proxy configured with SQL, as ProxySQL is.
-- Which policy routes reads, and how far behind a follower may be before "bounded" refuses its answer.
CREATE TABLE settings (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  policy       TEXT NOT NULL CHECK (policy IN ('any', 'bounded', 'sticky', 'token', 'leader')),
  lag_bound_ms INTEGER NOT NULL CHECK (lag_bound_ms >= 0)
);

-- The follower each user's session sticks to under the "sticky" policy, chosen at the session's first read.
CREATE TABLE sessions (
  user_name TEXT PRIMARY KEY,
  follower  TEXT NOT NULL
);

-- Every read the router answered or refused, in the order it did so. last_write is the position of the
-- session's newest acknowledged write when it asked, which the browser sends with each read.
CREATE TABLE reads (
  seq         INTEGER PRIMARY KEY,
  request     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  query       TEXT NOT NULL,
  policy      TEXT NOT NULL,
  served_by   TEXT NOT NULL,
  position    INTEGER NOT NULL,
  last_write  INTEGER NOT NULL,
  stale_ms    INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('served', 'refused')),
  asked_at    INTEGER NOT NULL,
  answered_at INTEGER NOT NULL
);
