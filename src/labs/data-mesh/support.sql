-- The Support domain's database: its own tables (schema support), which only the Support team reads and
-- writes, and the products it publishes (schema support_products). The platform's mesh schema comes first.
CREATE SCHEMA support;
CREATE TABLE support.tickets (
  id              integer PRIMARY KEY,
  customer_id     integer NOT NULL,
  requester_email text NOT NULL,
  subject         text NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at       integer NOT NULL
);
CREATE TABLE support.agent_notes (ticket_id integer NOT NULL REFERENCES support.tickets, note text NOT NULL);

CREATE SCHEMA support_products;
GRANT USAGE ON SCHEMA support_products TO marketing;

-- Product "tickets", version 1: one row per ticket, the requester's email masked.
CREATE TABLE support_products.tickets_v1 (
  ticket_id       integer NOT NULL,
  customer_id     integer NOT NULL,
  requester_email mesh.masked_text,
  status          text NOT NULL,
  opened_at       integer NOT NULL
);
SELECT mesh.register_product('support_products', 'tickets_v1', 'Support team', 1000,
  'SELECT id, customer_id, mesh.mask_email(requester_email), status, opened_at FROM support.tickets');
UPDATE mesh.products SET published_at = 0;
