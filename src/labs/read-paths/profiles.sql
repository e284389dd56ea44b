-- Support profiles (SQLite): the middle of the chain holds no customer data, only its access log. One row
-- per call from the ticket service: the budget the caller gave it, the timeout it gave its own call to
-- Customers, how many attempts that took, and how it ended.
CREATE TABLE hop_log (
  hop_id          INTEGER PRIMARY KEY,
  caller_call     INTEGER NOT NULL,
  customer_id     TEXT NOT NULL,
  received_at     INTEGER NOT NULL,
  budget_ms       INTEGER NOT NULL,
  timeout_ms      INTEGER NOT NULL,
  owner_attempts  INTEGER NOT NULL DEFAULT 0,
  outcome         TEXT NOT NULL DEFAULT 'waiting'
    CHECK (outcome IN ('waiting', 'answered', 'failed', 'too-late')),
  finished_at     INTEGER
);
