/** Reads rows as objects for invariants and exercise checks. A failing check query is a bug, so it throws. */
import type { Cell, Database } from '../engine/types.ts';

export async function select(db: Database, sql: string): Promise<Record<string, Cell>[]> {
  const result = await db.query(sql);
  if (!result.ok) throw new Error(`check query failed (${result.error.code}): ${result.error.message}\n${sql}`);
  const last = result.results.at(-1);
  if (!last) return [];
  return last.rows.map((row) => Object.fromEntries(last.fields.map((field, i) => [field.name, row[i] ?? null])));
}

/** A service's database; with a typed lab's map, the compiler checks the name. */
export function requireDb<K extends string, T>(dbs: ReadonlyMap<K, T>, name: NoInfer<K>): T {
  const db = dbs.get(name);
  if (!db) throw new Error(`no database for ${name}`);
  return db;
}
