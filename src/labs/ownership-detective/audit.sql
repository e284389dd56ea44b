-- The monolith's audit trail, in a schema of its own so that it never counts as a table of the system.
-- One row per table a statement touched: which service sent the statement, what it did to the table, and
-- when (virtual milliseconds since the lab started). Reads are logged too (op 'SELECT'), to show that they
-- confer nothing.
CREATE SCHEMA audit;

CREATE TABLE audit.write_log (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at integer NOT NULL,
  service text NOT NULL,
  table_name text NOT NULL,
  op text NOT NULL CHECK (op IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE')),
  rows integer NOT NULL
);

-- Row counts as the seed left them: with the log, they let the lab prove that every row change went
-- through a logged statement.
CREATE TABLE audit.seed_counts AS
SELECT 'zip_codes' AS table_name, count(*)::integer AS row_count FROM zip_codes
UNION ALL SELECT 'customers', count(*)::integer FROM customers
UNION ALL SELECT 'experts', count(*)::integer FROM experts
UNION ALL SELECT 'tickets', count(*)::integer FROM tickets
UNION ALL SELECT 'assignments', count(*)::integer FROM assignments
UNION ALL SELECT 'surveys', count(*)::integer FROM surveys
UNION ALL SELECT 'invoices', count(*)::integer FROM invoices;
