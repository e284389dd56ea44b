-- The customer service (Postgres): the customers of the shared support-ticket seed, owned by this service.
-- Two roles log in here: the service's own, and the reverse-ETL pipeline's (someone gave it credentials).
-- A trigger records which role wrote which table, so Postgres itself says how many writers a table has.
CREATE ROLE customer_app;
CREATE ROLE reverse_etl;

CREATE TABLE customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  plan text NOT NULL CHECK (plan IN ('basic', 'premium')),
  -- Only the direct sync writes here: the pipeline's column in the service's table.
  churn_risk integer
);
INSERT INTO customers (id, name, plan) VALUES
  (1, 'Ada Brandt', 'premium'), (2, 'Ben Okafor', 'basic'), (3, 'Chloé Martin', 'premium'),
  (4, 'Dev Patel', 'basic'), (5, 'Eva Novak', 'basic'), (6, 'Farid Haddad', 'premium');

-- Written by the pipeline alone (owned-table sync); the service only reads it.
CREATE TABLE pipeline_churn_scores (
  customer_id integer PRIMARY KEY REFERENCES customers (id),
  score integer NOT NULL,
  synced_at bigint NOT NULL
);
-- Written by the service alone, behind its API (api sync): it validates a score before it stores it.
CREATE TABLE churn_scores (
  customer_id integer PRIMARY KEY REFERENCES customers (id),
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  received_at bigint NOT NULL
);

GRANT SELECT, UPDATE ON customers TO customer_app, reverse_etl;
GRANT SELECT ON pipeline_churn_scores TO customer_app;
GRANT SELECT, INSERT, UPDATE ON pipeline_churn_scores TO reverse_etl;
GRANT SELECT, INSERT, UPDATE ON churn_scores TO customer_app;

CREATE TABLE table_writers (
  table_name text NOT NULL,
  writer text NOT NULL,
  writes integer NOT NULL DEFAULT 1,
  PRIMARY KEY (table_name, writer)
);
GRANT SELECT, INSERT, UPDATE ON table_writers TO customer_app, reverse_etl;
CREATE FUNCTION record_writer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO table_writers (table_name, writer) VALUES (TG_TABLE_NAME, current_user)
  ON CONFLICT (table_name, writer) DO UPDATE SET writes = table_writers.writes + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER customers_writer AFTER INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION record_writer();
CREATE TRIGGER pipeline_scores_writer AFTER INSERT OR UPDATE ON pipeline_churn_scores FOR EACH ROW EXECUTE FUNCTION record_writer();
CREATE TRIGGER churn_scores_writer AFTER INSERT OR UPDATE ON churn_scores FOR EACH ROW EXECUTE FUNCTION record_writer();
