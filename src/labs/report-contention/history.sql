-- Added to the shared monolith for this lab: a change stamp on every ticket, and a long history to report on.

-- Every insert or update of a ticket takes the next number from one sequence. The database has one connection,
-- so that number is the order of commits: the copy job asks for "everything after change N" and misses nothing.
-- With concurrent writers it would not be: nextval() runs when the statement does, not at commit, so a change
-- could commit below a watermark that has already passed it (the chapter explains what is safe instead).
-- changed_at_ms is the lab's virtual clock when the change ran, passed in by the service that made it.
ALTER TABLE tickets
  ADD COLUMN change_seq bigint NOT NULL DEFAULT 0,
  ADD COLUMN changed_at_ms bigint NOT NULL DEFAULT 0;

CREATE SEQUENCE ticket_changes;

CREATE FUNCTION stamp_ticket_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('ticket_changes');
  RETURN NEW;
END;
$$;

-- More customers, spread over the six zip codes of the seed.
INSERT INTO customers (id, name, email, zip, plan)
SELECT g, 'Customer ' || g, 'customer-' || g || '@example.org',
  (ARRAY['10115', '20095', '50667', '60311', '80331', '01067'])[1 + g % 6],
  CASE WHEN g % 4 = 0 THEN 'premium' ELSE 'basic' END
FROM generate_series(7, 300) AS g;

-- Fourteen months of closed tickets, one every 30 minutes from November 2024. Every trigger on tickets is off
-- while they load, to keep the boot short: the open-ticket trigger has nothing to count for closed tickets,
-- and the foreign keys (also triggers, in Postgres) hold by construction, which lab.test.ts checks.
ALTER TABLE tickets DISABLE TRIGGER ALL;
INSERT INTO tickets (id, customer_id, description, priority, status, expert_id, created_at)
SELECT 1000 + g, 1 + (g * 37) % 300, 'Earlier ticket ' || g,
  CASE WHEN g % 10 < 3 THEN 'low' WHEN g % 10 < 8 THEN 'normal' ELSE 'high' END,
  'closed', 1 + (g * 3) % 4,
  timestamptz '2024-11-01 00:00+00' + g * interval '30 minutes'
FROM generate_series(1, 20000) AS g;
ALTER TABLE tickets ENABLE TRIGGER ALL;

-- From here on every change is stamped; the history and the seed's eight tickets keep change_seq 0.
CREATE TRIGGER tickets_stamp_change BEFORE INSERT OR UPDATE ON tickets
FOR EACH ROW EXECUTE FUNCTION stamp_ticket_change();
CREATE INDEX tickets_change_seq ON tickets (change_seq);
ANALYZE;
