-- The cache, in SQLite so that it can be read with SQL. It stands for a process whose memory is all it has:
-- when it crashes, the lab empties every table below except lost_writes, as a restart would.

-- One copy per product. expires_at NULL: a write-back entry that Postgres has not got yet, which must not expire.
CREATE TABLE entries (
  product_id  INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  filled_at   INTEGER NOT NULL,
  expires_at  INTEGER
);

-- The newest version an invalidation announced for each product. A delete removes the entry; the fence
-- remembers that a newer version exists, so that a fill carrying an older one can be turned away.
CREATE TABLE fences (
  product_id INTEGER PRIMARY KEY,
  version    INTEGER NOT NULL
);

-- A fill on its way in: the cache puts the row here and runs the fill statement, which copies it into entries.
CREATE TABLE incoming (
  product_id  INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  filled_at   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);

-- Write-back: writes the cache has acknowledged and not yet handed to Postgres, oldest first.
CREATE TABLE dirty (
  seq         INTEGER PRIMARY KEY,
  write_id    TEXT NOT NULL UNIQUE,
  product_id  INTEGER NOT NULL,
  price_cents INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  acked_at    INTEGER NOT NULL
);

-- Kept by the lab, not by the cache: what each crash took with it, counted from dirty at that moment.
CREATE TABLE lost_writes (
  write_id    TEXT PRIMARY KEY,
  product_id  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  price_cents INTEGER NOT NULL,
  lost_at     INTEGER NOT NULL
);
