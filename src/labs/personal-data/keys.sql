-- The key service's own database (Postgres with pgcrypto), standing in for Vault's transit engine or a
-- cloud KMS: one key per customer, which never leaves this service. It encrypts and decrypts on request.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE customer_keys (
  customer_id text PRIMARY KEY,
  key         bytea NOT NULL CHECK (length(key) = 16),
  created_at  integer NOT NULL
);

-- Customers whose key was destroyed: a late request to seal for one of them is refused, not given a new key.
CREATE TABLE destroyed_keys (
  customer_id  text PRIMARY KEY,
  destroyed_at integer NOT NULL
);
