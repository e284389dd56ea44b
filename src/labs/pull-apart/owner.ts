/**
 * Reads as the database owner, whatever role a reader left the console in: the lab's own checks must not
 * depend on a `SET ROLE` typed in the console. `SET LOCAL` ends with the transaction, so the reader's
 * session is left as it was.
 */
import type { Cell, Database } from '../engine/types.ts';

export async function asOwner(db: Database, sql: string): Promise<Record<string, Cell>[]> {
  const result = await db.query(`BEGIN;\nSET LOCAL ROLE NONE;\n${sql};\nCOMMIT;`);
  if (!result.ok) {
    await db.query('ROLLBACK');
    throw new Error(`check query failed (${result.error.code}): ${result.error.message}\n${sql}`);
  }
  const last = result.results.at(-2);
  if (!last) return [];
  return last.rows.map((row) => Object.fromEntries(last.fields.map((field, i) => [field.name, row[i] ?? null])));
}
