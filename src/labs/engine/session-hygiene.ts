/**
 * A reader's console shares its service's one connection with the lab's own queries (PGlite and sql.js have one). Two
 * things a reader types must not outlive their statement there:
 *
 * - session state: a `SET search_path` pointing nowhere, a `SET ROLE`, a temporary table that shadows a lab
 *   table, a SQLite `PRAGMA query_only` would change what the lab's table views, invariants and services mean.
 *   It is discarded after each reader statement, and the reader is told what was discarded;
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
  (SELECT count(*)::int FROM pg_class WHERE relpersistence = 't' AND relkind IN ('r', 'p', 'v', 'm', 'S')) AS temp_tables,
  (SELECT count(*)::int FROM pg_db_role_setting) AS stored_settings`;

/**
 * `ALTER DATABASE … SET` and `ALTER ROLE … SET` are stored in the catalog and apply to the next session, which
 * is the one a restore starts: a search_path stored there would break the lab after its next restore.
 */
const RESET_STORED_SETTINGS = `DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT d.datname, r.rolname FROM pg_db_role_setting x
    LEFT JOIN pg_database d ON d.oid = x.setdatabase LEFT JOIN pg_roles r ON r.oid = x.setrole LOOP
    IF s.rolname IS NULL THEN EXECUTE format('ALTER DATABASE %I RESET ALL', s.datname);
    ELSIF s.datname IS NULL THEN EXECUTE format('ALTER ROLE %I RESET ALL', s.rolname);
    ELSE EXECUTE format('ALTER ROLE %I IN DATABASE %I RESET ALL', s.rolname, s.datname);
    END IF;
  END LOOP;
END $$`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const sentence = (parts: readonly string[]) =>
  parts.length === 0
    ? undefined
    : `Reset after your statement: ${parts.join(', ')}. The lab's own queries share this connection, so a session setting must not change what they mean.`;

/**
 * Discards what a reader's statement left in the session, and returns a sentence saying what that was
 * (undefined when there was nothing).
 */
export function discardSessionState(db: Database): Promise<string | undefined> {
  return db.kind === 'postgres' ? discardPostgres(db) : discardSqlite(db);
}

async function discardPostgres(db: Database): Promise<string | undefined> {
  const state = await db.query(SESSION_STATE);
  const row = state.ok ? state.results.at(-1)?.rows[0] : undefined;
  if (!row) return undefined;
  const [settings, roleChanged, tempTables, stored] = row;
  const parts: string[] = [];
  if (typeof settings === 'string' && settings !== '') parts.push(`settings (${settings})`);
  if (roleChanged === true) parts.push('the role');
  if (typeof tempTables === 'number' && tempTables > 0) parts.push(plural(tempTables, 'temporary table'));
  if (typeof stored === 'number' && stored > 0) parts.push('settings stored with ALTER DATABASE or ALTER ROLE');
  if (parts.length === 0) return undefined;
  // DISCARD ALL resets settings, role and session authorization, and drops temporary tables and prepared plans.
  await db.query('DISCARD ALL');
  if (typeof stored === 'number' && stored > 0) await db.query(RESET_STORED_SETTINGS);
  return sentence(parts);
}

/**
 * SQLite's per-connection state: pragmas that change what a statement means (all off in a fresh connection,
 * which is how every lab runs), temporary objects that shadow a lab's tables, attached databases.
 * `case_sensitive_like` cannot be read back, so it is always switched off again, silently.
 */
const SQLITE_PRAGMAS = [
  'query_only',
  'foreign_keys',
  'ignore_check_constraints',
  'reverse_unordered_selects',
  'recursive_triggers',
  'defer_foreign_keys',
];

const SQLITE_STATE = `SELECT ${SQLITE_PRAGMAS.map((p) => `(SELECT ${p} FROM pragma_${p}) AS ${p}`).join(', ')},
  (SELECT count(*) FROM temp.sqlite_master WHERE type IN ('table', 'view')) AS temp_objects,
  (SELECT group_concat(name, ', ') FROM pragma_database_list WHERE name NOT IN ('main', 'temp')) AS attached`;

async function discardSqlite(db: Database): Promise<string | undefined> {
  const state = await db.query(SQLITE_STATE);
  const row = state.ok ? state.results.at(-1)?.rows[0] : undefined;
  const changed = SQLITE_PRAGMAS.filter((_, i) => Number(row?.[i] ?? 0) !== 0);
  const tempObjects = Number(row?.[SQLITE_PRAGMAS.length] ?? 0);
  const attached = row?.[SQLITE_PRAGMAS.length + 1];
  // Off first: with query_only on, not even a temporary table could be dropped.
  await db.query(`${[...SQLITE_PRAGMAS, 'case_sensitive_like'].map((p) => `PRAGMA ${p} = 0`).join('; ')}`);
  const parts: string[] = [];
  if (changed.length > 0) parts.push(`settings (${changed.join(', ')})`);
  if (tempObjects > 0) {
    const temps = await db.query("SELECT type, name FROM temp.sqlite_master WHERE type IN ('view', 'table') ORDER BY type DESC");
    for (const [type, name] of temps.ok ? (temps.results[0]?.rows ?? []) : [])
      await db.query(`DROP ${String(type).toUpperCase()} IF EXISTS temp."${String(name).replaceAll('"', '""')}"`);
    parts.push(plural(tempObjects, 'temporary table or view'));
  }
  if (typeof attached === 'string' && attached !== '') {
    for (const name of attached.split(', ')) await db.query(`DETACH DATABASE "${name.replaceAll('"', '""')}"`);
    parts.push(`attached databases (${attached})`);
  }
  return sentence(parts);
}
