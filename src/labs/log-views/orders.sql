-- The order service (Postgres): the writer. Its record is the log; it keeps no table of current state.

-- Every change to the shop, appended in order and never changed. `position` orders the whole log:
-- views read it in this order and remember how far they got (Kafka calls this number the offset).
CREATE TABLE log (
  position    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The business entity the event is about: a customer id. Kafka would partition and compact by it.
  key         text NOT NULL,
  type        text NOT NULL,
  data        jsonb NOT NULL,
  -- The shape of data: 1 as the old release wrote orders, 2 as the current one does.
  schema      smallint NOT NULL DEFAULT 2,
  recorded_at timestamptz NOT NULL
);

-- Append only: the database itself refuses to change or delete an event.
CREATE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE ON log
  FOR EACH ROW EXECUTE FUNCTION refuse_log_change();

-- Who is told when the log grows. A view adds its own row when it starts, as a Kafka consumer group
-- registers itself: the writer's code and schema do not change when a view is added.
CREATE TABLE subscribers (
  consumer text PRIMARY KEY
);
INSERT INTO subscribers VALUES ('reporting'), ('search');
