-- One shard's tickets. The same table on every shard, Postgres or SQLite: a shard knows nothing of the others.
-- moved_from names the shard a row came from when resharding moved it here (NULL: written here first).
CREATE TABLE tickets (
  id         integer PRIMARY KEY,
  tenant     text NOT NULL,
  customer   text NOT NULL,
  home       text NOT NULL,
  title      text NOT NULL,
  moved_from text
);
CREATE INDEX tickets_customer ON tickets (customer);
CREATE INDEX tickets_tenant ON tickets (tenant);
