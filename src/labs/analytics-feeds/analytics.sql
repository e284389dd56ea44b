-- The analytics store (SQLite). Each way of feeding it writes its own tables, so the four can be compared
-- on one workload. A day is a window of the lab's virtual time: day = happened_at / 1000.

-- Nightly batch (ELT): the extract is loaded raw into tickets_copy, then transformed here in SQL.
CREATE TABLE tickets_copy (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE TABLE batch_daily (day INTEGER PRIMARY KEY, opened INTEGER NOT NULL, closed INTEGER NOT NULL);
-- cutoff: when the extract read the ticket service, and the newest log position it saw; newest_at: the newest change the batch counts.
CREATE TABLE batch_state (id INTEGER PRIMARY KEY CHECK (id = 1), cutoff INTEGER, cutoff_position INTEGER, newest_at INTEGER, runs INTEGER NOT NULL);
INSERT INTO batch_state VALUES (1, NULL, NULL, NULL, 0);

-- Stream jobs: the live job (Kappa's one job), the Lambda speed layer, and a replay while one runs. Each
-- keeps its offset in the change log and its watermark (the newest happened_at it has seen) beside the
-- counts it writes, in the same transaction, so a restart resumes exactly where the last commit left it.
CREATE TABLE stream_jobs (
  job TEXT PRIMARY KEY,
  logic TEXT NOT NULL,
  target TEXT NOT NULL,
  "offset" INTEGER NOT NULL,
  watermark INTEGER,
  newest_at INTEGER
);
INSERT INTO stream_jobs VALUES ('live', 'v1', 'stream_v1', 0, NULL, NULL), ('speed', 'v1', 'speed_daily', 0, NULL, NULL);
CREATE TABLE stream_v1 (day INTEGER PRIMARY KEY, opened INTEGER NOT NULL, closed INTEGER NOT NULL);
-- Empty until logic v2 is deployed: the replay fills it from offset 0, then the report switches to it.
CREATE TABLE stream_v2 (day INTEGER PRIMARY KEY, opened INTEGER NOT NULL, closed INTEGER NOT NULL);
-- Lambda: the speed layer's counters, and the serving view that prefers the batch for every day the last
-- nightly run covered (the batch's answer replaces the speed layer's) and the speed layer for the rest.
CREATE TABLE speed_daily (day INTEGER PRIMARY KEY, opened INTEGER NOT NULL, closed INTEGER NOT NULL);
CREATE VIEW lambda_daily AS
SELECT day, opened, closed FROM batch_daily
UNION ALL
SELECT day, opened, closed FROM speed_daily WHERE day >= (SELECT coalesce(cutoff, 0) / 1000 FROM batch_state);
-- Which table the stream report reads: switching it is how Kappa deploys new logic.
CREATE TABLE serving (report TEXT PRIMARY KEY, tbl TEXT NOT NULL);
INSERT INTO serving VALUES ('stream', 'stream_v1');
-- Events that arrived after their day's window had closed, and what the job did with each.
CREATE TABLE late_events (tbl TEXT NOT NULL, position INTEGER NOT NULL, day INTEGER NOT NULL, handled TEXT NOT NULL, PRIMARY KEY (tbl, position));

-- Reverse ETL: a score per customer, computed from the nightly copy, pushed to the customer service.
CREATE TABLE churn_scores (customer_id INTEGER PRIMARY KEY, score INTEGER NOT NULL, computed_at INTEGER NOT NULL);
CREATE TABLE sync_settings (id INTEGER PRIMARY KEY CHECK (id = 1), mode TEXT NOT NULL);
INSERT INTO sync_settings VALUES (1, 'direct');

-- The batch a stream job is applying; an exercise folds it into its own table.
CREATE TABLE incoming (position INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, kind TEXT NOT NULL, happened_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL);

-- For the exercise that writes the incremental aggregate: its table, and the positions it has counted.
CREATE TABLE daily_counts (day INTEGER PRIMARY KEY, opened INTEGER NOT NULL, closed INTEGER NOT NULL);
CREATE TABLE seen_positions (position INTEGER PRIMARY KEY);
