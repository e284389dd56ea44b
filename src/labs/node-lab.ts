/**
 * A lab's databases in-process, for tests and docs-as-tests in Node. `reset` empties and re-creates
 * every database with SQL (milliseconds), so property tests can run hundreds of seeds.
 */
import { openNodeDatabase } from './engine/node-engines.ts';
import { resetDatabase } from './engine/reset-database.ts';
import type { Database } from './engine/types.ts';
import { databaseServices } from './sim/database-services.ts';
import type { LabDefinition } from './sim/types.ts';

export interface NodeLab {
  readonly databases: ReadonlyMap<string, Database>;
  reset(): Promise<void>;
  close(): Promise<void>;
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
