/**
 * A reader's console shares its service's one connection with the lab's own queries (PGlite has one). Two
 * things a reader types must not outlive their statement there:
 *
 * - session state: a `SET search_path` pointing nowhere, a `SET ROLE`, a temporary table that shadows a lab
 *   table would change what the lab's table views, invariants and services mean. It is discarded after each
 *   reader statement, and the reader is told what was discarded;
 * - a broken engine: a runaway recursion can leave PGlite answering every query with no rows and no error.
 *   `engineAnswers` finds that out, so the lab restores the service instead of saying "ready".
 */
import type { Database } from './types.ts';

/** True when the engine still answers a trivial query correctly. */
export async function engineAnswers(db: Database): Promise<boolean> {
  const result = await db.query('SELECT 1 AS alive').catch(() => undefined);
  const value = result?.ok ? result.results.at(-1)?.rows[0]?.[0] : undefined;
  return value === 1;
}

const SESSION_STATE = `SELECT
  (SELECT coalesce(string_agg(name, ', ' ORDER BY name), '') FROM pg_settings WHERE source = 'session') AS settings,
  current_user <> session_user AS role_changed,
  (SELECT count(*)::int FROM pg_class WHERE relpersistence = 't' AND relkind IN ('r', 'p', 'v', 'm', 'S')) AS temp_tables`;

/**
 * Discards what a reader's statement left in the Postgres session, and returns a sentence saying what that was
 * (undefined when there was nothing). SQLite keeps no such state that the labs depend on.
 */
export async function discardSessionState(db: Database): Promise<string | undefined> {
  if (db.kind !== 'postgres') return undefined;
  const state = await db.query(SESSION_STATE);
  const row = state.ok ? state.results.at(-1)?.rows[0] : undefined;
  if (!row) return undefined;
  const [settings, roleChanged, tempTables] = row;
  const parts: string[] = [];
  if (typeof settings === 'string' && settings !== '') parts.push(`settings (${settings})`);
  if (roleChanged === true) parts.push('the role');
  if (typeof tempTables === 'number' && tempTables > 0) parts.push(`${tempTables} temporary table${tempTables === 1 ? '' : 's'}`);
  if (parts.length === 0) return undefined;
  // DISCARD ALL resets settings, role and session authorization, and drops temporary tables and prepared plans.
  await db.query('DISCARD ALL');
  return `Reset after your statement: ${parts.join(', ')}. The lab's own queries share this connection, so a session setting must not change what they mean.`;
}
