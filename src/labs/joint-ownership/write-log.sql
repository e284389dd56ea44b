-- A log of what each write meant to change, written in the same statement as the change itself. The
-- audit compares the last logged value of every column with the row, which is how a lost update shows.
-- (request_id, col) is unique, so a duplicate request fails here and changes nothing.
CREATE TABLE LOG_NAME (
  seq bigint PRIMARY KEY DEFAULT nextval('write_seq'),
  request_id text NOT NULL,
  ticket_id integer NOT NULL,
  col text NOT NULL,
  value text,
  service text NOT NULL,
  UNIQUE (request_id, col)
);
