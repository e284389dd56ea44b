-- The warehouse (Postgres), in three schemas. bronze keeps every change event exactly as it arrived,
-- duplicates and all; silver holds deduplicated, tested, conformed tables; gold holds the star schema the
-- reports read. Every silver and gold table is rebuilt by its model (models.ts) at each run.
CREATE SCHEMA bronze;
CREATE SCHEMA silver;
CREATE SCHEMA gold;
CREATE SCHEMA meta;
CREATE SCHEMA ex;

CREATE TABLE bronze.change_events (
  load_id bigserial PRIMARY KEY,
  seq bigint NOT NULL,
  entity text NOT NULL,
  entity_id integer NOT NULL,
  payload jsonb NOT NULL,
  happened_at bigint NOT NULL,
  recorded_at bigint NOT NULL,
  loaded_at bigint NOT NULL
);

-- One row per customer change (an initial snapshot or a plan change), one per event.
CREATE TABLE silver.customer_versions (
  seq bigint NOT NULL,
  customer_id integer NOT NULL,
  name text NOT NULL,
  plan text NOT NULL,
  valid_from bigint NOT NULL
);
-- Ticket events deduplicated, before the data-quality tests: no key, so a model that fails to deduplicate shows.
CREATE TABLE silver.ticket_candidates (
  seq bigint NOT NULL,
  ticket_id integer NOT NULL,
  customer_id integer,
  opened_at bigint NOT NULL,
  recorded_at bigint NOT NULL
);
-- Rows a data-quality test rejected at the last run, and which test.
CREATE TABLE silver.rejected (
  seq bigint NOT NULL,
  ticket_id integer NOT NULL,
  test text NOT NULL,
  PRIMARY KEY (seq, test)
);
CREATE TABLE silver.tickets (
  ticket_id integer PRIMARY KEY,
  seq bigint NOT NULL,
  customer_id integer NOT NULL,
  opened_at bigint NOT NULL,
  opened_day integer NOT NULL
);

-- The star schema: one fact table, a date dimension and the customer dimension in two versions.
CREATE TABLE gold.dim_date (
  date_key integer PRIMARY KEY,
  day integer NOT NULL UNIQUE,
  label text NOT NULL,
  week integer NOT NULL
);
-- Type 2: one row per version of a customer, valid from valid_from up to (not including) valid_to.
CREATE TABLE gold.dim_customer (
  customer_key integer PRIMARY KEY,
  customer_id integer NOT NULL,
  name text NOT NULL,
  plan text NOT NULL,
  valid_from bigint NOT NULL,
  valid_to bigint,
  is_current boolean NOT NULL
);
-- Type 1: one row per customer, overwritten in place with the newest version.
CREATE TABLE gold.dim_customer_current (
  customer_id integer PRIMARY KEY,
  name text NOT NULL,
  plan text NOT NULL
);
-- No foreign keys into the dimensions: each table is rebuilt by its own model, as in a warehouse, where such
-- keys are at most declared, never enforced. The invariants check the joins instead.
CREATE TABLE gold.fct_tickets (
  ticket_id integer PRIMARY KEY,
  date_key integer,
  customer_key integer,
  customer_id integer NOT NULL
);
CREATE TABLE gold.tickets_by_plan (
  plan text PRIMARY KEY,
  type1 integer NOT NULL,
  type2 integer NOT NULL
);

-- The runner's own records: each run, and each model's rows and time, measured by Postgres's clock.
CREATE TABLE meta.runs (
  run integer PRIMARY KEY,
  loaded_upto bigint NOT NULL,
  run_order text NOT NULL,
  failed text
);
CREATE TABLE meta.model_runs (
  run integer NOT NULL,
  position integer NOT NULL,
  model text NOT NULL,
  rows integer NOT NULL,
  ms numeric(10, 2) NOT NULL,
  PRIMARY KEY (run, model)
);

-- For the exercise that writes the type 2 merge: a batch of customer changes, and the dimension it maintains.
CREATE TABLE ex.customer_changes (
  seq bigint NOT NULL,
  customer_id integer NOT NULL,
  plan text NOT NULL,
  valid_from bigint NOT NULL
);
CREATE TABLE ex.dim_customer (
  customer_id integer NOT NULL,
  plan text NOT NULL,
  valid_from bigint NOT NULL,
  valid_to bigint,
  PRIMARY KEY (customer_id, valid_from)
);
