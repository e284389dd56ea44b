-- The help desk: where requests come from. It sends each one to all three patterns at the same moment, so
-- the three run the same workload.
CREATE TABLE requests (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('open', 'close')),
  ticket_id   TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  sent_at     INTEGER NOT NULL -- virtual ms
);
