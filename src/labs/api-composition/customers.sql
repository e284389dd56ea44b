-- The customer service's own database (Postgres): names live here and nowhere else.
CREATE TABLE customers (
  customer_id text PRIMARY KEY,
  name        text NOT NULL,
  version     integer NOT NULL,
  changed_at  integer NOT NULL DEFAULT 0
);
CREATE INDEX customers_by_name ON customers (name, customer_id);

-- Every change to a customer, written by the trigger below in the same transaction: the read model's feed.
CREATE TABLE outbox (
  position     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key          text NOT NULL,
  version      integer NOT NULL,
  row          jsonb NOT NULL,
  committed_at integer NOT NULL
);

CREATE FUNCTION customer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (key, version, row, committed_at) VALUES (NEW.customer_id, NEW.version, to_jsonb(NEW), NEW.changed_at);
  RETURN NEW;
END
$$;
CREATE TRIGGER customer_changed AFTER INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION customer_changed();
