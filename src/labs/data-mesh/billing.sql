-- The Billing domain's database: its own tables (schema billing) and the products it publishes (schema
-- billing_products). The platform's mesh schema comes first.
CREATE SCHEMA billing;
CREATE TABLE billing.accounts (
  id        integer PRIMARY KEY,
  full_name text NOT NULL,
  email     text NOT NULL UNIQUE,
  plan      text NOT NULL
);
CREATE TABLE billing.invoices (
  id           integer PRIMARY KEY,
  customer_id  integer NOT NULL REFERENCES billing.accounts,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  issued_at    integer NOT NULL
);
INSERT INTO billing.accounts VALUES
  (1, 'Ada Lovelace', 'ada@example.com', 'pro'),
  (2, 'Grace Hopper', 'grace@example.com', 'team'),
  (3, 'Alan Turing', 'alan@example.org', 'free'),
  (4, 'Edsger Dijkstra', 'edsger@example.nl', 'pro'),
  (5, 'Barbara Liskov', 'barbara@example.com', 'team'),
  (6, 'Donald Knuth', 'don@example.edu', 'free');

CREATE SCHEMA billing_products;
GRANT USAGE ON SCHEMA billing_products TO marketing;

-- Product "invoices", version 1: one row per invoice.
CREATE TABLE billing_products.invoices_v1 (
  invoice_id   integer NOT NULL,
  customer_id  integer NOT NULL,
  amount_cents integer NOT NULL,
  issued_at    integer NOT NULL
);
SELECT mesh.register_product('billing_products', 'invoices_v1', 'Billing team', 1000,
  'SELECT id, customer_id, amount_cents, issued_at FROM billing.invoices');

-- Product "customers", version 1: who the customers are and their plan, the email masked.
CREATE TABLE billing_products.customers_v1 (customer_id integer NOT NULL, email mesh.masked_text, plan text NOT NULL);
SELECT mesh.register_product('billing_products', 'customers_v1', 'Billing team', 2000,
  'SELECT id, mesh.mask_email(email), plan FROM billing.accounts');
UPDATE mesh.products SET published_at = 0;
