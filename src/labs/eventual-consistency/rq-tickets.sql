-- Pattern 2: the Ticket service, which also orchestrates: it calls the Customer service and decides what
-- happens to a ticket when no answer comes.
CREATE TABLE tickets (
  id           TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL,
  -- pending: waiting for the Customer service; refused: it never answered, so the ticket was turned down.
  status       TEXT NOT NULL CHECK (status IN ('pending', 'open', 'closed', 'refused')),
  requested_at INTEGER NOT NULL, -- virtual ms
  decided_at   INTEGER,          -- when it became open or refused
  closed_at    INTEGER
);

-- Every call the Ticket service owes the Customer service, kept in its own database so that a restart
-- picks up where it left off. A call says "this ticket is (not) open, as of version n".
CREATE TABLE customer_calls (
  ticket_id   TEXT NOT NULL,
  version     INTEGER NOT NULL,
  customer_id TEXT NOT NULL,
  open        BOOLEAN NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 1,
  state       TEXT NOT NULL CHECK (state IN ('waiting', 'answered', 'given up')),
  PRIMARY KEY (ticket_id, version)
);
