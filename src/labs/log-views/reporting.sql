-- The reporting view (Postgres): orders per customer, a relational table built from the log.
CREATE TABLE orders_per_customer (
  customer    text PRIMARY KEY,
  name        text,
  email       text,
  orders      integer NOT NULL,
  total_cents integer NOT NULL
);

-- Every rebuild: where the view was when it was dropped, and its content hash before and after.
CREATE TABLE rebuilds (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  live_position integer NOT NULL,
  hash_before   text NOT NULL,
  hash_after    text,
  started_at    integer NOT NULL,
  finished_at   integer
);
