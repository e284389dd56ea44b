/**
 * Statements a reader may type that try to break a lab: the corpus the hardening tests run against every
 * engine. Each must leave the lab either correct or honestly in error, never broken while it says "ready".
 * `runaway` statements never end on their own: only the browser's watchdog can stop them. A `transaction` left
 * open is allowed (a reader may hold one between runs); the lab must wait for it and recover once it ends.
 */
import type { EngineKind } from '../engine/types.ts';

export type HostileKind =
  'runaway' | 'recursion' | 'memory' | 'session' | 'transaction' | 'configuration' | 'catalog' | 'huge' | 'injection';

export interface HostileStatement {
  readonly name: string;
  readonly kind: HostileKind;
  readonly engine: EngineKind;
  readonly sql: string;
}

/** A marker an injected script would set if it ever ran: the browser test looks for it. */
export const PWNED = '__labPwned';

const wideSelect = (columns: number, width: number) =>
  `SELECT ${Array.from({ length: columns }, (_, i) => `repeat('x', ${width}) AS c${i}`).join(', ')} FROM generate_series(1, 1000)`;

const postgres: readonly Omit<HostileStatement, 'engine'>[] = [
  { name: 'sleeps for an hour', kind: 'runaway', sql: 'SELECT pg_sleep(3600)' },
  { name: 'loops for ever in PL/pgSQL', kind: 'runaway', sql: 'DO $$ BEGIN LOOP END LOOP; END $$' },
  {
    name: 'recurses until the stack runs out',
    kind: 'recursion',
    sql: "CREATE FUNCTION deeper(n int) RETURNS int LANGUAGE sql AS 'SELECT deeper(n + 1)'; SELECT deeper(1)",
  },
  {
    name: 'recurses in PL/pgSQL',
    kind: 'recursion',
    sql: 'CREATE FUNCTION down(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN down(n + 1); END $$; SELECT down(1)',
  },
  { name: 'builds a 200 MB string', kind: 'memory', sql: "SELECT length(repeat('x', 200000000))" },
  {
    name: 'aggregates five million numbers into one array',
    kind: 'memory',
    sql: 'SELECT cardinality(array_agg(g)) FROM generate_series(1, 5000000) g',
  },
  { name: 'points search_path nowhere', kind: 'session', sql: 'SET search_path TO nowhere' },
  { name: 'makes the session read-only', kind: 'session', sql: 'SET default_transaction_read_only = on' },
  {
    name: 'moves the session to another time zone and date style',
    kind: 'session',
    sql: "SET TimeZone = 'Pacific/Kiritimati'; SET DateStyle = 'SQL, DMY'",
  },
  { name: 'becomes a role without rights', kind: 'session', sql: 'CREATE ROLE nobody_here; SET ROLE nobody_here' },
  { name: 'shadows a table with a temporary one', kind: 'session', sql: 'CREATE TEMP TABLE accounts (id text)' },
  { name: 'leaves a transaction open', kind: 'transaction', sql: 'BEGIN; DELETE FROM accounts' },
  { name: 'prepares a statement and listens on a channel', kind: 'session', sql: 'PREPARE mine AS SELECT 1; LISTEN lab_channel' },
  {
    name: 'writes server settings with ALTER SYSTEM',
    kind: 'configuration',
    sql: "ALTER SYSTEM SET shared_buffers = '4GB'; SELECT pg_reload_conf()",
  },
  { name: 'gives the database a search_path', kind: 'configuration', sql: 'ALTER DATABASE postgres SET search_path = nowhere' },
  {
    name: 'gives the role a read-only default',
    kind: 'configuration',
    sql: 'ALTER ROLE CURRENT_USER SET default_transaction_read_only = on',
  },
  { name: 'drops the public schema', kind: 'catalog', sql: 'DROP SCHEMA public CASCADE' },
  { name: 'drops the tables the lab reads', kind: 'catalog', sql: 'DROP TABLE accounts CASCADE' },
  {
    name: 'refuses every DDL with an event trigger',
    kind: 'catalog',
    sql: "CREATE FUNCTION no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no DDL'; END $$; CREATE EVENT TRIGGER no_ddl ON ddl_command_start EXECUTE FUNCTION no_ddl()",
  },
  { name: 'returns 200,000 rows', kind: 'huge', sql: 'SELECT g, md5(g::text) FROM generate_series(1, 200000) g' },
  { name: 'returns 1,000 rows of 101 columns of 500 characters', kind: 'huge', sql: wideSelect(101, 500) },
  { name: 'returns a 20 MB cell', kind: 'huge', sql: "SELECT repeat('x', 20000000) AS big" },
  {
    name: 'hides a script in a value and a column name',
    kind: 'injection',
    sql: `SELECT '<img src=x onerror="window.${PWNED}=1">' AS "<script>window.${PWNED}=1</script>"`,
  },
  {
    name: 'hides a script in an error message',
    kind: 'injection',
    sql: `DO $$ BEGIN RAISE EXCEPTION '<img src=x onerror="window.${PWNED}=1">'; END $$`,
  },
  {
    name: 'hides a script in a table name',
    kind: 'injection',
    sql: `CREATE TABLE "<svg onload=window.${PWNED}=1>" (id int); INSERT INTO "<svg onload=window.${PWNED}=1>" VALUES (1)`,
  },
];

const sqlite: readonly Omit<HostileStatement, 'engine'>[] = [
  {
    name: 'counts for ever',
    kind: 'runaway',
    sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n',
  },
  { name: 'builds a 400 MB blob', kind: 'memory', sql: 'SELECT length(zeroblob(400000000))' },
  { name: 'makes the connection read-only', kind: 'session', sql: 'PRAGMA query_only = 1' },
  { name: 'turns foreign keys off', kind: 'session', sql: 'PRAGMA foreign_keys = off' },
  { name: 'shadows a table with a temporary one', kind: 'session', sql: 'CREATE TEMP TABLE my_orders (order_id text)' },
  { name: 'leaves a transaction open', kind: 'transaction', sql: 'BEGIN; DELETE FROM my_orders' },
  { name: 'drops every table', kind: 'catalog', sql: 'DROP TABLE my_orders' },
  {
    name: 'returns a million rows',
    kind: 'huge',
    sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT i, hex(i) FROM n',
  },
  {
    name: 'hides a script in a value and a column name',
    kind: 'injection',
    sql: `SELECT '<img src=x onerror="window.${PWNED}=1">' AS "<script>window.${PWNED}=1</script>"`,
  },
];

export const HOSTILE_STATEMENTS: readonly HostileStatement[] = [
  ...postgres.map((s) => ({ ...s, engine: 'postgres' as const })),
  ...sqlite.map((s) => ({ ...s, engine: 'sqlite' as const })),
];
