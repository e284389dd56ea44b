/**
 * Puts a database back to its spec's first state with SQL alone: drops what the setup and the reader made,
 * then runs the setup again. Milliseconds, where restoring a Postgres snapshot starts a new instance
 * (seconds): property tests reset this way between seeds, and hidden runs before each replay.
 */
import { engineAnswers } from './session-hygiene.ts';
import type { Database, ServiceDatabaseSpec } from './types.ts';

async function must(db: Database, sql: string) {
  const result = await db.query(sql);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

export async function resetDatabase(db: Database, spec: ServiceDatabaseSpec) {
  if (db.kind === 'postgres') {
    await must(db, 'RESET ROLE');
    const prepared = await must(db, 'SELECT gid FROM pg_prepared_xacts');
    for (const [gid] of prepared.results[0]?.rows ?? []) await must(db, `ROLLBACK PREPARED '${String(gid)}'`);
    // Labs may create schemas and roles of their own (splitting a monolith does): all of them go.
    const schemas = await must(db, "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'");
    for (const [name] of schemas.results[0]?.rows ?? []) await must(db, `DROP SCHEMA "${String(name)}" CASCADE`);
    const roles = await must(db, "SELECT rolname FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' AND rolname <> current_user");
    for (const [name] of roles.results[0]?.rows ?? []) await must(db, `DROP OWNED BY "${String(name)}"; DROP ROLE "${String(name)}"`);
    // As a fresh cluster has it (Postgres 15 and later).
    await must(db, 'CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC;');
  } else {
    const objects = await must(db, "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'");
    for (const [type, name] of objects.results[0]?.rows ?? [])
      await must(db, `DROP ${String(type).toUpperCase()} IF EXISTS "${String(name)}"`);
  }
  await must(db, spec.setupSql);
  // An engine broken by a runaway statement answers everything above with "OK" and no rows: only a real answer
  // proves the reset worked, and anything else sends the caller to its snapshot.
  if (!(await engineAnswers(db))) throw new Error('the database engine no longer answers queries');
}
