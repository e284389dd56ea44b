-- The read model (SQLite): one flat row per order, in the shape the "My orders" page shows.
CREATE TABLE my_orders (
  order_id    TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  status      TEXT NOT NULL,
  items       TEXT NOT NULL,
  total_cents INTEGER NOT NULL,
  placed_at   INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  -- The change event this row was last written from.
  position    INTEGER NOT NULL
);
CREATE INDEX my_orders_by_customer ON my_orders (customer_id, placed_at);

-- The batch of change events the projector is applying (or applied last); its upsert reads from here.
CREATE TABLE incoming (
  position    INTEGER PRIMARY KEY,
  order_id    TEXT NOT NULL,
  version     INTEGER NOT NULL,
  type        TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  status      TEXT NOT NULL,
  items       TEXT NOT NULL,
  total_cents INTEGER,
  placed_at   INTEGER NOT NULL
);

-- How far the projector has got in the write side's outbox. It is updated in the same transaction as
-- the rows, so after a crash the projector resumes exactly where its last commit left it.
CREATE TABLE projector_checkpoint (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  position   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO projector_checkpoint VALUES (1, 0, 0);

-- Events the projector gave up on, with the error the database gave, so that somebody can look.
CREATE TABLE dead_letters (
  position  INTEGER PRIMARY KEY,
  order_id  TEXT NOT NULL,
  version   INTEGER NOT NULL,
  type      TEXT NOT NULL,
  error     TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);

-- Customers whose open page wants to be told when one of their orders changes.
CREATE TABLE subscriptions (
  customer_id TEXT PRIMARY KEY,
  since       INTEGER NOT NULL
);

-- Every write to my_orders, recorded by the database itself, whatever code did it: the invariants read
-- this to find an event applied twice or a version that went backwards.
CREATE TABLE row_history (
  seq         INTEGER PRIMARY KEY,
  order_id    TEXT NOT NULL,
  old_version INTEGER,
  new_version INTEGER NOT NULL,
  position    INTEGER NOT NULL
);
CREATE TRIGGER my_orders_inserted AFTER INSERT ON my_orders BEGIN
  INSERT INTO row_history (order_id, old_version, new_version, position) VALUES (new.order_id, NULL, new.version, new.position);
END;
CREATE TRIGGER my_orders_updated AFTER UPDATE ON my_orders BEGIN
  INSERT INTO row_history (order_id, old_version, new_version, position) VALUES (new.order_id, old.version, new.version, new.position);
END;
