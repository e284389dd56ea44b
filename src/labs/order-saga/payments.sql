-- Payments' own database (Postgres): a ledger of charges and refunds. An order's net payment is its
-- charges minus its refunds.
CREATE TABLE payments (
  id       integer PRIMARY KEY,
  order_id text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('charge', 'refund')),
  amount   integer NOT NULL CHECK (amount > 0),
  at       integer NOT NULL
);

-- Idempotency keys of the operations already applied, e.g. 'charge:orch-2'.
CREATE TABLE processed_keys (
  key text PRIMARY KEY,
  at  integer NOT NULL
);
