-- The product service's own small store (SQLite): how it caches, and its logs of what it answered.
CREATE TABLE settings (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  strategy     TEXT NOT NULL CHECK (strategy IN ('none', 'aside', 'through', 'back')),
  invalidation TEXT NOT NULL CHECK (invalidation IN ('ttl', 'event')),
  fill         TEXT NOT NULL CHECK (fill IN ('plain', 'versioned')),
  ttl_ms       INTEGER NOT NULL CHECK (ttl_ms >= 0)
);

-- Every write the service acknowledged to a caller, with the version it was given. stale_ms in reads is
-- judged against this log: a read is stale when it returns an older version of a product than a write
-- acknowledged before the read was asked.
CREATE TABLE acks (
  seq         INTEGER PRIMARY KEY,
  write_id    TEXT NOT NULL UNIQUE,
  product_id  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  price_cents INTEGER NOT NULL,
  config      TEXT NOT NULL,
  asked_at    INTEGER NOT NULL,
  acked_at    INTEGER NOT NULL
);

-- Every read it answered: from the cache or from Postgres, which version, and how stale.
CREATE TABLE reads (
  seq         INTEGER PRIMARY KEY,
  request     TEXT NOT NULL,
  product_id  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('cache', 'database')),
  stale_ms    INTEGER NOT NULL,
  config      TEXT NOT NULL,
  asked_at    INTEGER NOT NULL,
  answered_at INTEGER NOT NULL
);
