-- The platform team's data catalog (SQLite): every served product version of every domain as last read, how
-- stale it was against its objective, and what the federated policy check found. A catalog such as
-- DataHub or Unity Catalog keeps the same things, read from the domains rather than told by them.
CREATE TABLE catalog (
  domain       TEXT NOT NULL,
  version      TEXT NOT NULL,
  owner        TEXT NOT NULL,
  slo_ms       INTEGER NOT NULL,
  published_at INTEGER,
  staleness_ms INTEGER,
  checked_at   INTEGER NOT NULL,
  PRIMARY KEY (domain, version)
);
CREATE TABLE policy_findings (
  domain      TEXT NOT NULL,
  tbl         TEXT NOT NULL,
  column_name TEXT NOT NULL,
  type        TEXT NOT NULL,
  first_seen  INTEGER NOT NULL,
  PRIMARY KEY (domain, tbl, column_name)
);
-- What a probe as the consumer's role found: read or denied, per relation.
CREATE TABLE probe_results (domain TEXT NOT NULL, relation TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (domain, relation));
