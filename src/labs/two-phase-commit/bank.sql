-- A bank's own database. The CHECK constraint is the bank's business rule: no overdrafts.
CREATE TABLE accounts (
  id      text PRIMARY KEY,
  owner   text NOT NULL,
  balance integer NOT NULL CHECK (balance >= 0)
);

-- One row per transfer this bank took part in; gid is the global transaction id from the coordinator.
CREATE TABLE ledger (
  gid     text PRIMARY KEY,
  account text NOT NULL REFERENCES accounts (id),
  amount  integer NOT NULL
);

-- Transfers this bank was told to roll back before it had prepared them (a slow bank can be overtaken
-- by the decision). A prepare that arrives later is refused, or it would hold locks nobody will release.
CREATE TABLE refused (
  gid text PRIMARY KEY
);
