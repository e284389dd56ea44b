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

-- The log-based capture's slot, kept on the source as a Postgres replication slot is. Created at the
-- service's first change: where the log stood then and the next transaction id (positions and ids are
-- counted from these, so they read the same however long the database ran before). restart: where the next
-- read of the log begins, in bytes after origin_lsn; confirmed: the last commit the relay acknowledged.
-- pending_*: what the last read would advance them to, once the relay acknowledges that poll.
CREATE TABLE wal_slot (
  origin_lsn        pg_lsn NOT NULL,
  origin_xid        xid8 NOT NULL,
  restart           bigint NOT NULL DEFAULT 0,
  confirmed         bigint NOT NULL DEFAULT -1,
  pending_poll      integer,
  pending_restart   bigint,
  pending_confirmed bigint
);
