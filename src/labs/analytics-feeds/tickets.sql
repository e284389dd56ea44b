-- The ticket service (Postgres): the operational side. Tickets of the shared support-ticket seed's
-- customers, and a change log that every change appends to in the same transaction. The log is retained
-- from its first position: a stream job can replay it from offset 0.
CREATE TABLE tickets (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- Virtual milliseconds. closed_at is when the agent closed it; closed_recorded_at when that reached us.
  opened_at bigint NOT NULL,
  closed_at bigint,
  closed_recorded_at bigint
);

CREATE TABLE change_log (
  position bigserial PRIMARY KEY,
  ticket_id integer NOT NULL REFERENCES tickets (id),
  kind text NOT NULL CHECK (kind IN ('opened', 'closed')),
  happened_at bigint NOT NULL,
  recorded_at bigint NOT NULL
);
