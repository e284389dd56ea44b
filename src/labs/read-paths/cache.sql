-- The replicated cache (SQLite, in memory): customers' name and plan as the ticket service last fetched
-- them, each entry with the owner's version and when it expires. Entries are removed when they expire
-- and, with event invalidation, when the owner's change event arrives.
CREATE TABLE entries (
  customer_id TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  plan        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  cached_at   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);

-- The newest version an invalidation announced per customer: a fill that fetched an older version before
-- the invalidation, and arrives after it, is turned away instead of caching the old value again.
CREATE TABLE invalidated (
  customer_id TEXT PRIMARY KEY,
  version     INTEGER NOT NULL
);
