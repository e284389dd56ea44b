-- Shipping's own database (SQLite). A row is a parcel on its way: shipping is the saga's last word.
CREATE TABLE shipments (
  id         INTEGER PRIMARY KEY,
  order_id   TEXT NOT NULL,
  sku        TEXT NOT NULL,
  qty        INTEGER NOT NULL,
  region     TEXT NOT NULL,
  shipped_at INTEGER NOT NULL
);

-- Idempotency keys of the operations already applied, e.g. 'ship:chor-1'.
CREATE TABLE processed_keys (
  key TEXT PRIMARY KEY,
  at  INTEGER NOT NULL
);
