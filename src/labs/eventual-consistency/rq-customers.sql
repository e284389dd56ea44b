-- Pattern 2: what the Customer service last heard about each ticket. The version makes every call
-- idempotent and lets a late call lose to a newer one, whatever order they arrive in.
CREATE TABLE ticket_states (
  ticket_id   TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  open        INTEGER NOT NULL CHECK (open IN (0, 1)),
  version     INTEGER NOT NULL
);
