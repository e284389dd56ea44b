-- The read model (SQLite): one denormalised row per order, shaped for both pages, fed by the three
-- services' change events. The rm_ tables are its copies of each source, kept so that a change to one
-- source can be joined with the others again.
CREATE TABLE rm_orders (
  order_id    TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  placed_at   INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  version     INTEGER NOT NULL
);
CREATE INDEX rm_orders_by_customer ON rm_orders (customer_id);
CREATE TABLE rm_customers (
  customer_id TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL
);
CREATE TABLE rm_payments (
  order_id TEXT PRIMARY KEY,
  status   TEXT NOT NULL,
  version  INTEGER NOT NULL
);

-- What both pages read: the join done once, when the data changed, instead of at every read.
CREATE TABLE order_view (
  order_id       TEXT PRIMARY KEY,
  customer_id    TEXT NOT NULL,
  customer_name  TEXT NOT NULL,
  placed_at      INTEGER NOT NULL,
  total_cents    INTEGER NOT NULL,
  payment_status TEXT NOT NULL
);
CREATE INDEX order_view_by_status_name ON order_view (payment_status, customer_name, order_id);
CREATE INDEX order_view_newest ON order_view (placed_at DESC, order_id DESC);
CREATE INDEX order_view_by_customer ON order_view (customer_id);

-- How far the projector has read each service's outbox, committed with the rows it covers.
CREATE TABLE checkpoints (
  source     TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
