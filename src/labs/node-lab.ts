/**
 * A lab's databases in-process, for tests and docs-as-tests in Node. `reset` empties and re-creates
 * every database with SQL (milliseconds), so property tests can run hundreds of seeds.
 */
import { openNodeDatabase } from './engine/node-engines.ts';
import type { Database, ServiceDatabaseSpec } from './engine/types.ts';
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
    const prepared = await must(db, 'SELECT gid FROM pg_prepared_xacts');
    for (const [gid] of prepared.results[0]?.rows ?? []) await must(db, `ROLLBACK PREPARED '${String(gid)}'`);
    await must(db, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } else {
    const tables = await must(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for (const [name] of tables.results[0]?.rows ?? []) await must(db, `DROP TABLE "${String(name)}"`);
  }
  await must(db, spec.setupSql);
}

export async function openNodeLab(lab: LabDefinition): Promise<NodeLab> {
  const entries = await Promise.all(lab.services.map(async (s) => [s.name, await openNodeDatabase(s.database)] as const));
  const databases = new Map(entries);
  return {
    databases,
    async reset() {
      for (const service of lab.services) {
        const db = databases.get(service.name);
        if (db) await resetDatabase(db, service.database);
      }
    },
    async close() {
      await Promise.all([...databases.values()].map((db) => db.close()));
    },
  };
}
