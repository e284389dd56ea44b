-- The router, in SQLite: how tickets are placed, which tickets it has written, and every request it served.
CREATE TABLE settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  shard_key          TEXT NOT NULL CHECK (shard_key IN ('customer', 'region', 'tenant')),
  hashing            TEXT NOT NULL CHECK (hashing IN ('modulo', 'ring')),
  shard_count        INTEGER NOT NULL CHECK (shard_count IN (3, 4)),
  -- The workload the "Run the workload" button plays: its seed, its size and the huge tenant's share.
  workload_seed      INTEGER NOT NULL,
  workload_size      INTEGER NOT NULL CHECK (workload_size BETWEEN 0 AND 1000),
  big_tenant_percent INTEGER NOT NULL CHECK (big_tenant_percent BETWEEN 0 AND 100)
);

-- Every ticket the router has sent to a shard: 'writing' until a shard confirms it, then 'stored'.
-- The router routes by the shard key, not by this list; the checks use it to know what must exist.
CREATE TABLE issued (
  id       INTEGER PRIMARY KEY,
  tenant   TEXT NOT NULL,
  customer TEXT NOT NULL,
  home     TEXT NOT NULL,
  title    TEXT NOT NULL,
  state    TEXT NOT NULL CHECK (state IN ('writing', 'stored'))
);

-- Every request the router finished: which shards it reached, how it ended, how long it took.
CREATE TABLE requests (
  seq        INTEGER PRIMARY KEY,
  request    TEXT NOT NULL,
  kind       TEXT NOT NULL,
  scope      TEXT NOT NULL CHECK (scope IN ('single', 'scatter', 'two shards', 'all shards')),
  shards     TEXT NOT NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'refused')),
  found      INTEGER,
  latency_ms INTEGER NOT NULL
);
