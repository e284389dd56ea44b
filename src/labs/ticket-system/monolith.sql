-- The support-ticket system as one monolithic Postgres database: every table in `public`, tied together by
-- foreign keys, one view and one trigger that cross what later become service boundaries.

CREATE TABLE zip_codes (
  zip text PRIMARY KEY,
  city text NOT NULL,
  region text NOT NULL
);

CREATE TABLE customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  zip text NOT NULL REFERENCES zip_codes (zip),
  plan text NOT NULL CHECK (plan IN ('basic', 'premium')),
  open_tickets integer NOT NULL DEFAULT 0
);

CREATE TABLE experts (
  id integer PRIMARY KEY,
  name text NOT NULL,
  skill text NOT NULL,
  zip text NOT NULL REFERENCES zip_codes (zip)
);

CREATE TABLE tickets (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  description text NOT NULL,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'closed')),
  expert_id integer REFERENCES experts (id),
  created_at timestamptz NOT NULL DEFAULT '2026-01-05 09:00+00'
);

CREATE TABLE assignments (
  ticket_id integer NOT NULL REFERENCES tickets (id),
  expert_id integer NOT NULL REFERENCES experts (id),
  scheduled_for timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, expert_id)
);

CREATE TABLE surveys (
  id integer PRIMARY KEY,
  ticket_id integer NOT NULL UNIQUE REFERENCES tickets (id),
  customer_id integer NOT NULL REFERENCES customers (id),
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text
);

CREATE TABLE invoices (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  period text NOT NULL,
  amount numeric(10, 2) NOT NULL,
  paid boolean NOT NULL DEFAULT false
);

-- Support staff read one row per customer with the open work: a view that joins three domains.
CREATE VIEW customer_ticket_summary AS
SELECT c.id AS customer_id, c.name, z.city, count(t.id) FILTER (WHERE t.status <> 'closed') AS open_tickets
FROM customers c
JOIN zip_codes z ON z.zip = c.zip
LEFT JOIN tickets t ON t.customer_id = c.id
GROUP BY c.id, c.name, z.city;

-- The monolith keeps customers.open_tickets right with a trigger on tickets: one transaction, two domains.
CREATE FUNCTION count_open_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.status <> 'closed' THEN
    UPDATE customers SET open_tickets = open_tickets + 1 WHERE id = NEW.customer_id;
  ELSIF TG_OP = 'UPDATE' AND OLD.status <> 'closed' AND NEW.status = 'closed' THEN
    UPDATE customers SET open_tickets = open_tickets - 1 WHERE id = NEW.customer_id;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER tickets_count_open AFTER INSERT OR UPDATE OF status ON tickets
FOR EACH ROW EXECUTE FUNCTION count_open_tickets();
