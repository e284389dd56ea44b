/**
 * A lab's databases in-process, for tests and docs-as-tests in Node. `reset` empties and re-creates
 * every database with SQL (milliseconds), so property tests can run hundreds of seeds.
 */
import { openNodeDatabase } from './engine/node-engines.ts';
import type { Database, ServiceDatabaseSpec } from './engine/types.ts';
import { databaseServices } from './sim/database-services.ts';
import type { LabDefinition } from './sim/types.ts';

export interface NodeLab {
  readonly databases: ReadonlyMap<string, Database>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

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
}

export async function openNodeLab(lab: LabDefinition): Promise<NodeLab> {
  const entries = await Promise.all(databaseServices(lab).map(async (s) => [s.name, await openNodeDatabase(s.spec)] as const));
  const databases = new Map(entries);
  return {
    databases,
    async reset() {
      for (const service of databaseServices(lab)) {
        const db = databases.get(service.name);
        if (db) await resetDatabase(db, service.spec);
      }
    },
    async close() {
      await Promise.all([...databases.values()].map((db) => db.close()));
    },
  };
}
