-- The ticket service's own database (Postgres): the tickets, its replicated copy of each customer's name
-- and plan, the batch of change events being applied, how far the replicator has got, and a log of
-- every queue page it served.
CREATE TABLE tickets (
  id          text PRIMARY KEY,
  customer_id text NOT NULL,
  subject     text NOT NULL
);
INSERT INTO tickets
SELECT 'T-' || lpad(n::text, 2, '0'), 'c' || ((n - 1) % 8 + 1), (ARRAY['Cannot log in', 'Invoice is wrong', 'Export fails', 'Slow dashboard'])[1 + n % 4]
FROM generate_series(1, 24) AS n;

-- Column replication: name and plan, copied from Customers' change events, with the version they came
-- from. Filled once at the start from the owner's data as it then was (version 1), kept current by events.
CREATE TABLE customer_copy (
  customer_id text PRIMARY KEY,
  name        text NOT NULL,
  plan        text NOT NULL,
  version     integer NOT NULL,
  copied_at   integer NOT NULL
);
INSERT INTO customer_copy VALUES
  ('c1', 'Ada Byrne', 'pro', 1, 0),
  ('c2', 'Bola Adeyemi', 'free', 1, 0),
  ('c3', 'Chen Wei', 'enterprise', 1, 0),
  ('c4', 'Dara Novak', 'free', 1, 0),
  ('c5', 'Emil Sørensen', 'pro', 1, 0),
  ('c6', 'Fatima Haddad', 'free', 1, 0),
  ('c7', 'Goran Petrov', 'enterprise', 1, 0),
  ('c8', 'Hana Kobayashi', 'pro', 1, 0);

-- The batch of change events the replicator is applying; its upsert reads from here.
CREATE TABLE incoming_changes (
  position    integer PRIMARY KEY,
  customer_id text NOT NULL,
  version     integer NOT NULL,
  name        text NOT NULL,
  plan        text NOT NULL,
  -- When the replicator received the batch: what copied_at records for a row it wins.
  received_at integer NOT NULL
);

-- How far the replicator has read Customers' change events; committed with the rows it covers.
CREATE TABLE replication_checkpoint (
  id       integer PRIMARY KEY CHECK (id = 1),
  position integer NOT NULL
);
INSERT INTO replication_checkpoint VALUES (1, 0);

-- Every write to customer_copy, recorded by the database itself: a version that goes backwards shows here.
CREATE TABLE copy_history (
  seq         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id text NOT NULL,
  old_version integer,
  new_version integer NOT NULL
);
CREATE FUNCTION remember_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO copy_history (customer_id, old_version, new_version)
  VALUES (NEW.customer_id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.version END, NEW.version);
  RETURN NEW;
END $$;
CREATE TRIGGER customer_copy_written AFTER INSERT OR UPDATE ON customer_copy FOR EACH ROW EXECUTE FUNCTION remember_copy();

-- What each queue page showed an agent, one row per ticket: the lab checks it against every version
-- Customers ever had.
CREATE TABLE read_log (
  read_id     integer NOT NULL,
  at          integer NOT NULL,
  variant     text NOT NULL,
  ticket_id   text NOT NULL,
  customer_id text NOT NULL,
  name        text,
  plan        text,
  version     integer,
  PRIMARY KEY (read_id, ticket_id)
);

-- For the exercise on choosing a read path per field: what each field may cost in staleness, and
-- whether it is personal data. The reader writes a path for each field into read_path_plan.
CREATE TABLE field_budgets (
  field              text PRIMARY KEY,
  staleness_budget_s integer NOT NULL,
  personal_data      boolean NOT NULL,
  needed_when_owner_down boolean NOT NULL
);
INSERT INTO field_budgets VALUES
  ('name', 60, false, true),
  ('plan', 2, false, true),
  ('email', 0, true, false);
CREATE TABLE read_path_plan (
  field text PRIMARY KEY REFERENCES field_budgets (field),
  path  text NOT NULL CHECK (path IN ('call', 'copy', 'cache-ttl', 'cache-events', 'shared'))
);
