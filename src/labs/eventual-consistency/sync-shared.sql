-- Pattern 1: the Ticket service and the Customer service keep their tables in two schemas of one Postgres
-- server, each reached through its own role. The sync job has a role of its own, and to do its work it must
-- be granted into both schemas: that grant is the coupling this pattern hides.
DROP SCHEMA IF EXISTS tickets CASCADE;
DROP SCHEMA IF EXISTS customers CASCADE;
DROP SCHEMA IF EXISTS sync CASCADE;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ticket_service') THEN CREATE ROLE ticket_service; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'customer_service') THEN CREATE ROLE customer_service; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sync_job') THEN CREATE ROLE sync_job; END IF;
END $$;

CREATE SCHEMA tickets;
CREATE TABLE tickets.tickets (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at   INTEGER NOT NULL, -- virtual ms
  closed_at   INTEGER
);

CREATE SCHEMA customers;
CREATE TABLE customers.customers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  open_tickets INTEGER NOT NULL DEFAULT 0 CHECK (open_tickets >= 0),
  synced_at    INTEGER -- virtual ms of the sync run that last changed this row
);

-- The sync job's own bookkeeping: one row per run.
CREATE SCHEMA sync;
CREATE TABLE sync.runs (
  run        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('fixed', 'nothing to fix', 'failed')),
  customers_fixed INTEGER NOT NULL DEFAULT 0
);

GRANT USAGE ON SCHEMA tickets TO ticket_service, sync_job;
GRANT SELECT, INSERT, UPDATE ON tickets.tickets TO ticket_service;
GRANT SELECT ON tickets.tickets TO sync_job;
GRANT USAGE ON SCHEMA customers TO customer_service, sync_job;
GRANT SELECT, UPDATE ON customers.customers TO customer_service, sync_job;
GRANT USAGE ON SCHEMA sync TO sync_job;
GRANT SELECT, INSERT ON sync.runs TO sync_job;
