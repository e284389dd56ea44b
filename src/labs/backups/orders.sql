-- The orders service's own database (Postgres). Every change to an order is written to change_log by a
-- trigger in the same transaction: the log the shipper copies off the box, as a WAL archive would be.
CREATE TABLE orders (
  id             TEXT PRIMARY KEY,
  customer       TEXT NOT NULL,
  address        TEXT,
  total_cents    INTEGER NOT NULL,
  pay            TEXT NOT NULL,
  placed_at      BIGINT NOT NULL,
  recovered_from TEXT
);

CREATE TABLE change_log (
  seq      BIGSERIAL PRIMARY KEY,
  at       BIGINT NOT NULL,
  op       TEXT NOT NULL,
  order_id TEXT NOT NULL,
  row_data JSONB
);

-- The lab's virtual time reaches the trigger through a transaction-local setting; a console statement has none (0).
CREATE FUNCTION log_order_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_log (at, op, order_id, row_data)
  VALUES (
    coalesce(nullif(current_setting('lab.now', true), '')::bigint, 0),
    TG_OP,
    CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END
  );
  RETURN NULL;
END $$;

CREATE TRIGGER orders_change_log AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION log_order_change();

-- Replays shipped change-log entries in order: the redo half of point-in-time recovery.
CREATE FUNCTION replay_changes(changes jsonb) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  c jsonb;
  n integer := 0;
BEGIN
  FOR c IN SELECT value FROM jsonb_array_elements(changes) LOOP
    DELETE FROM orders WHERE id = c->>'order_id';
    IF c->>'op' <> 'DELETE' THEN
      INSERT INTO orders SELECT * FROM jsonb_populate_record(NULL::orders, (c->>'row_data')::jsonb);
    END IF;
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

-- Mistakes the operator made, with the last change-log entry before each: the target of a point-in-time restore.
CREATE TABLE incidents (
  id            SERIAL PRIMARY KEY,
  at            BIGINT NOT NULL,
  what          TEXT NOT NULL,
  last_good_seq BIGINT NOT NULL
);

-- Every restore: what it loaded, and how long it took (engine time measured, transfer time modelled).
CREATE TABLE restore_runs (
  id               SERIAL PRIMARY KEY,
  at               BIGINT NOT NULL,
  mode             TEXT NOT NULL,
  dump_id          INTEGER,
  dump_taken_at    BIGINT NOT NULL,
  dump_upto_seq    BIGINT NOT NULL,
  log_to_seq       BIGINT NOT NULL,
  rows_loaded      INTEGER NOT NULL,
  changes_replayed INTEGER NOT NULL,
  bytes            INTEGER NOT NULL,
  transfer_ms      INTEGER NOT NULL,
  engine_ms        NUMERIC(10, 2) NOT NULL,
  mark_seq         BIGINT NOT NULL
);
