-- The ticket service's own database (Postgres). pg_walinspect lets the log-based relay read the write-ahead log.
CREATE EXTENSION IF NOT EXISTS pg_walinspect;

CREATE TABLE agents (
  name text PRIMARY KEY
);
INSERT INTO agents (name) VALUES ('ana'), ('ben'), ('chen');

CREATE SEQUENCE change_seq;
-- Numbers the tickets a reader opens (R-1, R-2…); a sequence never hands out a number twice, even to a held transaction.
CREATE SEQUENCE reader_ticket_no;

CREATE TABLE tickets (
  id         text PRIMARY KEY,
  status     text NOT NULL CHECK (status IN ('open', 'assigned', 'closed')),
  assignee   text REFERENCES agents (name),
  version    integer NOT NULL,
  -- For query-based capture: every insert or update takes the next number of a sequence (the watermark a
  -- copier remembers) and records the transaction that wrote it (what a safe copier bounds its watermark by).
  seq        bigint NOT NULL,
  changed_by xid8 NOT NULL
);

CREATE FUNCTION stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := nextval('change_seq');
  NEW.changed_by := pg_current_xact_id();
  RETURN NEW;
END $$;

CREATE TRIGGER stamp_change BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION stamp_change();

-- The transactional outbox: one row per change, committed with it; the polling relay marks what it sent.
CREATE TABLE outbox (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id   text NOT NULL UNIQUE,
  ticket_id  text NOT NULL,
  version    integer NOT NULL,
  payload    jsonb NOT NULL,
  relayed_at integer
);

-- Where the log-based relay starts reading: the log position before the service's first change, recorded
-- once, as creating a replication slot would.
CREATE TABLE wal_origin (
  lsn pg_lsn NOT NULL
);
