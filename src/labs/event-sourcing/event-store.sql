-- The event store (Postgres): every account is a stream of events, appended and never changed.
CREATE TABLE events (
  -- The order of the whole store: projectors read it in this order and remember how far they got.
  position    integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  stream      text NOT NULL,
  -- 1, 2, 3 … within a stream. Two commands decided on the same version both try to append the next
  -- one; the primary key lets only the first in (SQLSTATE 23505 for the other): optimistic concurrency.
  version     integer NOT NULL CHECK (version > 0),
  type        text NOT NULL,
  data        jsonb NOT NULL,
  -- The shape of data: 1 as the old release wrote it, 2 as the current one does.
  schema      smallint NOT NULL DEFAULT 2,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (stream, version)
);

-- Append only: the log is the record, so a change to it is refused by the database itself.
CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_change();

-- An account's state as of a version, written by the service's own fold every 100 events, so that a
-- load reads the newest snapshot and only the events after it.
CREATE TABLE snapshots (
  stream   text NOT NULL,
  version  integer NOT NULL,
  state    jsonb NOT NULL,
  taken_at timestamptz NOT NULL,
  PRIMARY KEY (stream, version)
);

-- Current state, one row per account, updated in the same transaction as each append: what a service
-- without event sourcing would keep, and nothing more.
CREATE TABLE accounts (
  stream          text PRIMARY KEY,
  balance_cents   integer NOT NULL,
  overdraft_cents integer NOT NULL,
  version         integer NOT NULL
);

-- Every command and what became of it, for the reader (and the exercises) to see.
CREATE TABLE commands (
  id         text PRIMARY KEY,
  stream     text NOT NULL,
  kind       text NOT NULL,
  cents      integer NOT NULL,
  outcome    text NOT NULL,
  attempts   integer NOT NULL,
  decided_at timestamptz NOT NULL
);
