-- Inventory's own database (SQLite). The CHECK is the warehouse's rule: never promise stock it does not have.
CREATE TABLE items (
  sku       TEXT PRIMARY KEY,
  initial   INTEGER NOT NULL,
  available INTEGER NOT NULL CHECK (available >= 0)
);

-- One row per reservation; a released row gives its quantity back to available.
CREATE TABLE reservations (
  id          INTEGER PRIMARY KEY,
  order_id    TEXT NOT NULL,
  sku         TEXT NOT NULL REFERENCES items (sku),
  qty         INTEGER NOT NULL CHECK (qty > 0),
  status      TEXT NOT NULL CHECK (status IN ('held', 'released')),
  reserved_at INTEGER NOT NULL,
  released_at INTEGER
);

-- Idempotency keys of the operations already applied, e.g. 'reserve:chor-3'.
CREATE TABLE processed_keys (
  key TEXT PRIMARY KEY,
  at  INTEGER NOT NULL
);
