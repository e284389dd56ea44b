-- The platform's part of every domain's database, installed the same way in each: a data product catalog,
-- the contracts it promises, the masking type the federated policy requires, and the consumer role. A
-- domain team writes its own tables and products; the platform team writes this file.
CREATE SCHEMA mesh;

-- The consumer (marketing's analytics) logs in as this role. It is granted nothing here but the products
-- each domain registers; the domains' own tables stay out of its reach.
CREATE ROLE marketing;

-- A masked value: Postgres refuses anything that still looks like a whole email address (23514), so a
-- column of this type cannot leak one, whatever the query that fills it.
CREATE DOMAIN mesh.masked_text AS text CHECK (VALUE IS NULL OR VALUE !~ '^[^*@]+@');

-- Keeps the first letter and the domain: a***@example.com.
CREATE FUNCTION mesh.mask_email(email text) RETURNS mesh.masked_text
LANGUAGE sql IMMUTABLE AS $$ SELECT (left(email, 1) || '***@' || split_part(email, '@', 2))::mesh.masked_text $$;

-- Column names the federated policy treats as personal data, as LIKE patterns.
CREATE TABLE mesh.personal_attributes (pattern text PRIMARY KEY);
INSERT INTO mesh.personal_attributes VALUES ('%email%'), ('%phone%'), ('%full_name%');

-- The catalog: one row per published version of a product, with its owner, its freshness objective and the
-- query its publishing job runs. status is 'served' while consumers may rely on it.
CREATE TABLE mesh.products (
  product_schema   text NOT NULL,
  product_table    text NOT NULL,
  product          text NOT NULL,
  version          integer NOT NULL,
  owner            text NOT NULL,
  freshness_slo_ms integer NOT NULL CHECK (freshness_slo_ms > 0),
  refresh_sql      text NOT NULL,
  status           text NOT NULL DEFAULT 'served' CHECK (status IN ('served', 'retired')),
  published_at     integer,
  PRIMARY KEY (product_schema, product_table)
);

-- The contract of each version: the columns and types it promises its consumers. Adding a column keeps a
-- contract; renaming, dropping or retyping one breaks it.
CREATE TABLE mesh.contract_columns (
  product_schema text NOT NULL,
  product_table  text NOT NULL,
  column_name    text NOT NULL,
  data_type      text NOT NULL,
  position       integer NOT NULL,
  PRIMARY KEY (product_schema, product_table, column_name),
  FOREIGN KEY (product_schema, product_table) REFERENCES mesh.products ON DELETE CASCADE
);

-- The platform's settings, as this domain's deploy pipeline reads them.
CREATE TABLE mesh.settings (id integer PRIMARY KEY CHECK (id = 1), contract_tests boolean NOT NULL);
INSERT INTO mesh.settings VALUES (1, false);

-- The self-serve template: a domain creates its product's table, then registers it here. The contract is
-- read from the table as it stands, and the consumer role is granted it (and nothing else).
CREATE FUNCTION mesh.register_product(p_schema text, p_table text, p_owner text, p_slo_ms integer, p_refresh text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mesh.products (product_schema, product_table, product, version, owner, freshness_slo_ms, refresh_sql)
  VALUES (p_schema, p_table, regexp_replace(p_table, '_v[0-9]+$', ''),
          coalesce(substring(p_table FROM '_v([0-9]+)$')::integer, 1), p_owner, p_slo_ms, p_refresh);
  INSERT INTO mesh.contract_columns (product_schema, product_table, column_name, data_type, position)
  SELECT table_schema, table_name, column_name, coalesce(domain_name, data_type), ordinal_position
  FROM information_schema.columns WHERE table_schema = p_schema AND table_name = p_table;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no table %.% to register', p_schema, p_table USING ERRCODE = 'undefined_table';
  END IF;
  EXECUTE format('GRANT SELECT ON %I.%I TO marketing', p_schema, p_table);
END $$;
