-- The order service's own database (Postgres). It knows who placed an order, never their name.
CREATE TABLE orders (
  order_id    text PRIMARY KEY,
  customer_id text NOT NULL,
  placed_at   integer NOT NULL,
  total_cents integer NOT NULL CHECK (total_cents >= 0),
  version     integer NOT NULL,
  changed_at  integer NOT NULL DEFAULT 0
);
CREATE INDEX orders_newest ON orders (placed_at DESC, order_id DESC);

-- Every change to an order, written by the trigger below in the same transaction: the read model's feed.
CREATE TABLE outbox (
  position     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key          text NOT NULL,
  version      integer NOT NULL,
  row          jsonb NOT NULL,
  committed_at integer NOT NULL
);

CREATE FUNCTION order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (key, version, row, committed_at) VALUES (NEW.order_id, NEW.version, to_jsonb(NEW), NEW.changed_at);
  RETURN NEW;
END
$$;
CREATE TRIGGER order_changed AFTER INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION order_changed();
