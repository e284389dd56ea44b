-- Runs inside each technique's schema, after the monolith's schema and seed. It turns the monolith's tickets
-- into the lab's jointly owned table: Ticket's columns (customer, description, priority, status) and
-- Assignment's columns (expert_id, scheduled_for) on one row. The scheduling moves in from the monolith's
-- assignments table; the tables no chapter of this lab needs are dropped so the console shows only the story.
ALTER TABLE tickets ADD COLUMN scheduled_for timestamptz, ADD COLUMN version integer NOT NULL DEFAULT 1;
UPDATE tickets t SET scheduled_for = a.scheduled_for FROM assignments a WHERE a.ticket_id = t.id AND a.expert_id = t.expert_id;
DROP VIEW customer_ticket_summary;
DROP TABLE assignments, surveys, invoices;
-- One sequence orders every logged write of a technique, whichever log it lands in, so the audit can tell
-- whether an assignment was written before or after its ticket was closed.
CREATE SEQUENCE write_seq;
-- The trigger keeps customers.open_tickets right whichever service's role closes a ticket.
ALTER FUNCTION count_open_tickets() SECURITY DEFINER;
