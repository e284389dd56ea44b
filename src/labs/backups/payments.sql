-- The payments service's own database (Postgres). A payment names its order by id: a reference across
-- services, which no foreign key can guard.
CREATE TABLE payments (
  id           TEXT PRIMARY KEY,
  order_id     TEXT NOT NULL,
  customer     TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  paid_at      BIGINT NOT NULL
);

-- What the card provider confirmed: money really taken. Kept apart from payments, and never deleted.
CREATE TABLE provider_receipts (
  payment_id   TEXT PRIMARY KEY,
  amount_cents INTEGER NOT NULL,
  taken_at     BIGINT NOT NULL
);
