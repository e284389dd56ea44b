-- A follower: a copy of the leader's comments, changed only by replaying the leader's change log.
-- No foreign key on parent_id: a replica trusts the order of the log, as Postgres's own replay does;
-- the lab's invariants check that order instead.
CREATE TABLE comments (
  id        integer PRIMARY KEY,
  parent_id integer,
  author    text NOT NULL,
  body      text NOT NULL,
  posted_at integer NOT NULL
);

-- Log entries as they arrived from the leader, before they are replayed. The primary key turns away a
-- second copy of an entry; arrival order does not matter, replay order does.
CREATE TABLE received_log (
  lsn         integer PRIMARY KEY,
  comment_id  integer NOT NULL,
  parent_id   integer,
  author      text NOT NULL,
  body        text NOT NULL,
  posted_at   integer NOT NULL,
  received_at integer NOT NULL
);

-- One row: how far this follower has received and replayed the log, like pg_last_wal_receive_lsn() and
-- pg_last_wal_replay_lsn() on a Postgres standby.
CREATE TABLE replication (
  received_lsn integer NOT NULL,
  replayed_lsn integer NOT NULL,
  replayed_at  integer NOT NULL
);

-- Every replayed entry in the order it was replayed, so that an entry replayed twice or out of order shows.
CREATE TABLE replay_history (
  seq         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lsn         integer NOT NULL,
  replayed_at integer NOT NULL
);
