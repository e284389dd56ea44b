-- The search view (SQLite): a full-text index of orders (FTS4), with the customer's name and email so
-- that support staff can find an order by any of them.
CREATE VIRTUAL TABLE order_search USING fts4(order_id, customer, name, email, description);

-- The customers as far as the index needs them: who is who when an order arrives.
CREATE TABLE people (
  customer text PRIMARY KEY,
  name     text NOT NULL,
  email    text NOT NULL
);
