-- The order service's own database (SQLite): the contact details it needs for receipts and deliveries.
CREATE TABLE customer_contacts (
  scheme      TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  email       TEXT NOT NULL,
  phone       TEXT NOT NULL,
  PRIMARY KEY (scheme, customer_id)
);

-- Customers erased here: an announcement that arrives after the erasure must not bring the copy back.
CREATE TABLE erased_customers (
  customer_id TEXT PRIMARY KEY
);
