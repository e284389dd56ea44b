-- The product service's own database: the catalogue, the truth every cache copies. Times are virtual ms.
CREATE TABLE products (
  id          integer PRIMARY KEY,
  name        text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0),
  -- Goes up by one with every write; a cache compares versions to tell an old copy from a new one.
  version     integer NOT NULL,
  -- The write that set the current price (NULL for the catalogue's first state).
  write_id    text,
  updated_at  integer NOT NULL
);

-- Every change Postgres made to a product, written by a trigger, so it records what the database did
-- whichever path (the app, write-through, a write-back flush) sent the write.
CREATE TABLE price_history (
  seq         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id  integer NOT NULL REFERENCES products (id),
  version     integer NOT NULL,
  price_cents integer NOT NULL,
  write_id    text,
  changed_at  integer NOT NULL
);

CREATE FUNCTION record_price_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO price_history (product_id, version, price_cents, write_id, changed_at)
  VALUES (NEW.id, NEW.version, NEW.price_cents, NEW.write_id, NEW.updated_at);
  RETURN NEW;
END $$;

CREATE TRIGGER products_history AFTER UPDATE ON products
  FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION record_price_change();

-- The product service's log of acknowledged writes, loaded here by "Import the acknowledgement log" so that
-- it can be compared with what Postgres holds. Empty until then.
CREATE TABLE acked_writes (
  write_id    text PRIMARY KEY,
  product_id  integer NOT NULL,
  version     integer NOT NULL,
  price_cents integer NOT NULL,
  acked_at    integer NOT NULL
);
