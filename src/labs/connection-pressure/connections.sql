-- What a real Postgres keeps in memory about its client connections (pg_stat_activity), kept here in tables
-- because each PGlite instance has one real connection: the lab counts the connections it simulates, and the
-- reader can query them like any other table.

CREATE ROLE ticket_app LOGIN;
CREATE ROLE billing_app LOGIN;
CREATE ROLE reporting_app LOGIN;

CREATE TABLE lab_connections (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  role text NOT NULL,
  instance text NOT NULL,
  state text NOT NULL CHECK (state IN ('idle', 'active')),
  opened_at integer NOT NULL
);

CREATE TABLE lab_connection_log (
  seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at integer NOT NULL,
  role text NOT NULL,
  instance text NOT NULL,
  event text NOT NULL CHECK (event IN ('opened', 'refused', 'dropped by restart')),
  -- Connections open on the server, and for this role, once the event happened; the limits then in force.
  open_after integer NOT NULL,
  open_for_role integer NOT NULL,
  max_connections integer NOT NULL,
  role_limit integer NOT NULL,
  reason text
);

CREATE TABLE lab_requests (
  seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at integer NOT NULL,
  role text NOT NULL,
  instance text NOT NULL,
  query text NOT NULL,
  outcome text NOT NULL
);
