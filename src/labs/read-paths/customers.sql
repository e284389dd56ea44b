-- The Customers service's own database (Postgres). Customers owns schema crm: every change to a customer
-- commits, in the same transaction, a change event to crm.change_events. In the shared-domain variant the
-- ticket team keeps its tables here too, in schema support, and connects as role ticket_service.
CREATE SCHEMA crm;

CREATE TABLE crm.customers (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  plan       text NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
  -- Personal data: the ticket service may show it on one ticket's page, but must not keep copies.
  email      text NOT NULL,
  -- Goes up by one with every change; events and copies carry it.
  version    integer NOT NULL DEFAULT 1,
  updated_at integer NOT NULL DEFAULT 0
);

INSERT INTO crm.customers (id, name, plan, email) VALUES
  ('c1', 'Ada Byrne', 'pro', 'ada@example.com'),
  ('c2', 'Bola Adeyemi', 'free', 'bola@example.com'),
  ('c3', 'Chen Wei', 'enterprise', 'chen@example.com'),
  ('c4', 'Dara Novak', 'free', 'dara@example.com'),
  ('c5', 'Emil Sørensen', 'pro', 'emil@example.com'),
  ('c6', 'Fatima Haddad', 'free', 'fatima@example.com'),
  ('c7', 'Goran Petrov', 'enterprise', 'goran@example.com'),
  ('c8', 'Hana Kobayashi', 'pro', 'hana@example.com');

-- Every version a customer ever had, written by the database itself whatever code changed the row: the
-- lab checks every name and plan a reader was shown against it.
CREATE TABLE crm.customer_history (
  customer_id text NOT NULL,
  version     integer NOT NULL,
  name        text NOT NULL,
  plan        text NOT NULL,
  valid_from  integer NOT NULL,
  PRIMARY KEY (customer_id, version)
);
INSERT INTO crm.customer_history SELECT id, version, name, plan, updated_at FROM crm.customers;

CREATE FUNCTION crm.remember_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO crm.customer_history
  VALUES (NEW.id, NEW.version, NEW.name, coalesce(to_jsonb(NEW) ->> 'plan', to_jsonb(NEW) ->> 'tier'), NEW.updated_at)
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;
-- The lab's schema change renames plan to tier; the trigger reads the row as JSON so that it records
-- either, as the owner's own migration would keep its own trigger working.
CREATE TRIGGER customers_versioned AFTER UPDATE ON crm.customers FOR EACH ROW EXECUTE FUNCTION crm.remember_version();

-- The owner's change events, committed with the change. position orders them; consumers keep theirs.
CREATE TABLE crm.change_events (
  position     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id  text NOT NULL,
  version      integer NOT NULL,
  name         text NOT NULL,
  plan         text NOT NULL,
  committed_at integer NOT NULL
);

-- The shared-domain variant: the ticket team's tables in the same database, in a schema of their own.
CREATE SCHEMA support;
CREATE TABLE support.tickets (
  id          text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES crm.customers (id),
  subject     text NOT NULL
);
INSERT INTO support.tickets
SELECT 'T-' || lpad(n::text, 2, '0'), 'c' || ((n - 1) % 8 + 1), (ARRAY['Cannot log in', 'Invoice is wrong', 'Export fails', 'Slow dashboard'])[1 + n % 4]
FROM generate_series(1, 24) AS n;

-- The ticket service's connection: its own schema, and only the columns of crm.customers it was granted.
-- Anything else, such as email, is refused by Postgres itself (42501).
CREATE ROLE ticket_service;
GRANT USAGE ON SCHEMA support, crm TO ticket_service;
GRANT SELECT ON support.tickets TO ticket_service;
GRANT SELECT (id, name, plan, version) ON crm.customers TO ticket_service;
