-- The downstream service (SQLite): it notifies agents of every ticket change and keeps a copy of each ticket,
-- one copy per pipeline, so the six can be compared row by row.
CREATE TABLE inbox (
  pipeline    TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (pipeline, event_id)
);

-- One notification per change: the side effect that must happen once, however often an event arrives.
CREATE TABLE notifications (
  pipeline  TEXT NOT NULL,
  event_id  TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  version   INTEGER NOT NULL,
  status    TEXT NOT NULL,
  assignee  TEXT,
  sent_at   INTEGER NOT NULL
);

CREATE TABLE copies (
  pipeline  TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  status    TEXT NOT NULL,
  assignee  TEXT,
  version   INTEGER NOT NULL,
  PRIMARY KEY (pipeline, ticket_id)
);
