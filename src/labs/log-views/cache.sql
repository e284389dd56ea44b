-- The cache view (SQLite): a key-value store, one JSON value per customer, as Redis or a CDN would hold it.
-- It does not exist at first: starting it adds its checkpoint, and it catches up from position 0.
CREATE TABLE kv (
  key   text PRIMARY KEY,
  value text NOT NULL
);
