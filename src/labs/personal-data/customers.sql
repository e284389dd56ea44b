-- The customer service's own database (Postgres): the system of record for customers, who may read what,
-- the event log, last night's backup, the catalog of copies, and the erasures under way.

-- Customer numbers are never reused: an erased customer's id must not come back as someone else.
CREATE SEQUENCE customer_no;

CREATE TABLE customers (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  email        text NOT NULL UNIQUE,
  phone        text NOT NULL,
  region       text NOT NULL CHECK (region IN ('eu', 'us')),
  signed_up_at integer NOT NULL,
  -- The same details encrypted with the customer's own key (hex), as the sealed copies carry them.
  email_sealed text,
  phone_sealed text
);

-- Append-only: every change to a customer, as it happened. The trigger makes "append-only" a fact of the
-- database rather than a promise, as an event store or a Kafka topic with infinite retention would.
CREATE TABLE customer_events (
  seq         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id text NOT NULL,
  scheme      text NOT NULL CHECK (scheme IN ('clear', 'sealed')),
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  at          integer NOT NULL
);

-- Last night's backup, write-once as backup storage is.
CREATE TABLE customer_backups (
  taken_at    integer NOT NULL,
  scheme      text NOT NULL CHECK (scheme IN ('clear', 'sealed')),
  customer_id text NOT NULL,
  email       text NOT NULL,
  phone       text NOT NULL
);

CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER customer_events_immutable BEFORE UPDATE OR DELETE ON customer_events
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER customer_backups_immutable BEFORE UPDATE OR DELETE ON customer_backups
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();

-- The data catalog: every table outside this one that holds customers' contact details, as far as anyone
-- told the customer service. An erasure is sent to each service listed here, for the tables listed here.
CREATE TABLE data_catalog (
  service    text NOT NULL,
  table_name text NOT NULL,
  holds      text NOT NULL,
  PRIMARY KEY (service, table_name)
);
INSERT INTO data_catalog (service, table_name, holds) VALUES
  ('orders', 'customer_contacts', 'email and phone, for receipts and delivery'),
  ('analytics', 'customer_dim', 'email, phone and region, for the analytics store');

-- Right-to-erasure requests, and what each one is still waiting for: one task per catalog entry's service,
-- and one for the key service.
CREATE TABLE erasure_requests (
  customer_id  text PRIMARY KEY,
  requested_at integer NOT NULL,
  completed_at integer
);
CREATE TABLE erasure_tasks (
  customer_id text NOT NULL REFERENCES erasure_requests (customer_id),
  task        text NOT NULL,
  sent        integer NOT NULL DEFAULT 0,
  done_at     integer,
  PRIMARY KEY (customer_id, task)
);

-- Who may read what. Column privileges: support gets contact details but not the sealed columns nor the
-- signup time; reporting gets nothing on the table (it is to read a masking view, once there is one).
CREATE ROLE support_eu;
CREATE ROLE support_us;
CREATE ROLE reporting;
GRANT SELECT (id, name, email, phone, region) ON customers TO support_eu, support_us;

-- Row-level security: with it on, a role sees no row unless a policy lets it. FORCE makes the table's owner
-- obey the policies too, so that a service that owns its table cannot read around them by accident.
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
CREATE POLICY support_eu_sees_eu ON customers FOR SELECT TO support_eu USING (region = 'eu');
