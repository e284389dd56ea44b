-- The workload's own record: every request it sent, to which technique and service, and how it ended.
-- outcome: waiting, then done (written), refused (the service answered no) or failed (an error, or no answer).
CREATE TABLE requests (
  request_id TEXT PRIMARY KEY,
  run INTEGER NOT NULL,
  technique TEXT NOT NULL,
  kind TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  service TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'waiting',
  detail TEXT,
  answered_at INTEGER
);
