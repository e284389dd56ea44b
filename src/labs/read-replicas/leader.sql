-- The leader: the only database that takes writes. Times are virtual milliseconds from the lab's clock.
CREATE TABLE comments (
  id        integer PRIMARY KEY,
  parent_id integer REFERENCES comments (id),
  author    text NOT NULL,
  body      text NOT NULL,
  posted_at integer NOT NULL
);

-- The change log: one entry per comment, written in the same transaction as the comment. Its lsn is a
-- position in the log, gapless (max + 1 inside the transaction, not a sequence, which could leave holes):
-- a follower that has replayed position n holds exactly the first n changes.
CREATE TABLE change_log (
  lsn        integer PRIMARY KEY,
  comment_id integer NOT NULL REFERENCES comments (id),
  parent_id  integer,
  author     text NOT NULL,
  body       text NOT NULL,
  posted_at  integer NOT NULL
);

-- What the leader knows of each follower, as pg_stat_replication shows it: what it confirmed receiving
-- and replaying, and when it last said so.
CREATE TABLE replicas (
  follower     text PRIMARY KEY,
  received_lsn integer NOT NULL,
  replayed_lsn integer NOT NULL,
  reported_at  integer NOT NULL
);
