-- Pattern 3: the Ticket service. Its outbox (from the broker client schema) is written in the same local
-- transaction as the ticket.
CREATE TABLE tickets (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at   INTEGER NOT NULL, -- virtual ms
  closed_at   INTEGER
);
