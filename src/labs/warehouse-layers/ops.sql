-- The operational ticket and customer service (Postgres). It owns customers, their plan history and the
-- tickets, and appends every change to change_events in the same transaction: the log the warehouse loads.
CREATE TABLE customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  plan text NOT NULL CHECK (plan IN ('basic', 'premium'))
);
INSERT INTO customers (id, name, plan) VALUES
  (1, 'Ada Brandt', 'premium'), (2, 'Ben Okafor', 'basic'), (3, 'Chloé Martin', 'premium'),
  (4, 'Dev Patel', 'basic'), (5, 'Eva Novak', 'basic'), (6, 'Farid Haddad', 'premium');

-- Billing's record of which plan a customer had from when: what the SLA of a ticket is decided by.
CREATE TABLE plan_changes (
  customer_id integer NOT NULL REFERENCES customers (id),
  plan text NOT NULL,
  effective_at bigint NOT NULL,
  recorded_at bigint NOT NULL,
  PRIMARY KEY (customer_id, effective_at)
);
INSERT INTO plan_changes (customer_id, plan, effective_at, recorded_at) SELECT id, plan, 0, 0 FROM customers;

-- Tickets come from the web form, from e-mail (matched to a customer by address, or not at all) and from an
-- import of the old CRM, so customer_id is neither required nor a foreign key here.
CREATE TABLE tickets (
  id integer PRIMARY KEY,
  customer_id integer,
  -- Virtual milliseconds: opened_at by the clock of the device that opened it, recorded_at by ours.
  opened_at bigint NOT NULL,
  recorded_at bigint NOT NULL
);

CREATE TABLE change_events (
  seq bigserial PRIMARY KEY,
  entity text NOT NULL CHECK (entity IN ('customer', 'ticket')),
  entity_id integer NOT NULL,
  payload jsonb NOT NULL,
  happened_at bigint NOT NULL,
  recorded_at bigint NOT NULL
);
INSERT INTO change_events (entity, entity_id, payload, happened_at, recorded_at)
SELECT 'customer', id, jsonb_build_object('id', id, 'name', name, 'plan', plan), 0, 0 FROM customers ORDER BY id;
