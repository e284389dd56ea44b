-- The analytics store (SQLite): one row per customer and scheme, contact details included, as a customer
-- dimension in a warehouse often has them.
CREATE TABLE customer_dim (
  scheme      TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  region      TEXT NOT NULL,
  email       TEXT NOT NULL,
  phone       TEXT NOT NULL,
  PRIMARY KEY (scheme, customer_id)
);

-- Customers erased here: an announcement that arrives after the erasure must not bring the copy back.
CREATE TABLE erased_customers (
  customer_id TEXT PRIMARY KEY
);
