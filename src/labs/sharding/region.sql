-- One region's copy of the help desk, in SQLite. Both regions accept writes to the same ticket.
CREATE TABLE settings (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  conflicts TEXT NOT NULL CHECK (conflicts IN ('lww', 'merge'))
);

-- The ticket as readers see it. Under last-write-wins, written_at and written_in stamp the whole row, and the
-- row with the later stamp replaces the other one.
CREATE TABLE tickets (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  tags       TEXT NOT NULL,
  reopened   INTEGER NOT NULL,
  written_at INTEGER NOT NULL,
  written_in TEXT NOT NULL
);

-- The merge's own state, a tiny CRDT: a set of tags that only grows, and a reopen counter per region.
-- Merging takes the union of the sets and, per region, the larger count; the ticket shows their sum.
CREATE TABLE tag_set (
  ticket INTEGER NOT NULL,
  tag    TEXT NOT NULL,
  PRIMARY KEY (ticket, tag)
);
CREATE TABLE reopen_counts (
  ticket INTEGER NOT NULL,
  region TEXT NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (ticket, region)
);

-- Every change this region accepted from its own users, whatever happened to it afterwards.
CREATE TABLE accepted (
  seq         INTEGER PRIMARY KEY,
  ticket      INTEGER NOT NULL,
  change      TEXT NOT NULL,
  accepted_at INTEGER NOT NULL
);
