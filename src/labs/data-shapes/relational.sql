-- The relational store (Postgres): the source of truth, normalised. Every fact is in one row; a customer's
-- tickets and a product's name meet only in a join. The links between customers are a table of edges, read
-- as a graph by a recursive query. Every change is appended to change_log in the same transaction, and the
-- other shapes are kept current from it.
CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE agents (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('basic', 'pro', 'enterprise')),
  account integer NOT NULL
);
CREATE TABLE tickets (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  product_id integer NOT NULL REFERENCES products (id),
  agent_id integer NOT NULL REFERENCES agents (id),
  category text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closed'))
);
CREATE INDEX tickets_customer_idx ON tickets (customer_id);
CREATE INDEX tickets_product_idx ON tickets (product_id);
-- An undirected link is stored both ways round, so a walk follows from_id -> to_id only.
CREATE TABLE customer_links (
  from_id integer NOT NULL REFERENCES customers (id),
  to_id integer NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('account', 'escalation')),
  PRIMARY KEY (from_id, to_id)
);
CREATE TABLE change_log (
  position bigserial PRIMARY KEY,
  change jsonb NOT NULL
);
