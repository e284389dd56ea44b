/** What must hold in the ownership lab, computed from the monolith's real tables and its write log. */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { OwnershipDetective } from './messages.ts';
import { MONOLITH } from './monolith.ts';
import { TABLES } from './variants.ts';

/**
 * Rows now, minus rows the seed left, must equal logged inserts minus logged deletes, for every table. A
 * difference is a row change that went around the logged path, such as an INSERT typed in the console.
 */
const everyChangeLogged: InvariantSpec<OwnershipDetective> = {
  id: 'every-change-logged',
  label: 'Every row change in the monolith went through a logged statement',
  async check(dbs) {
    const db = requireDb(dbs, MONOLITH);
    const counted = TABLES.map((t) => `SELECT '${t}' AS table_name, count(*)::integer AS row_count FROM ${t}`).join(' UNION ALL ');
    const rows = await select(
      db,
      `WITH now AS (${counted}),
      logged AS (
        SELECT table_name, (sum(rows) FILTER (WHERE op = 'INSERT')) AS inserted, (sum(rows) FILTER (WHERE op = 'DELETE')) AS deleted
        FROM audit.write_log GROUP BY table_name)
      SELECT n.table_name, n.row_count - s.row_count AS net_change,
        (coalesce(l.inserted, 0) - coalesce(l.deleted, 0))::integer AS logged_change
      FROM now n JOIN audit.seed_counts s USING (table_name) LEFT JOIN logged l USING (table_name)
      WHERE n.row_count - s.row_count <> coalesce(l.inserted, 0) - coalesce(l.deleted, 0)
      ORDER BY n.table_name`,
    );
    if (rows.length === 0)
      return { status: 'holds', summary: 'Row counts in all seven tables agree with the inserts and deletes in the write log.' };
    const tables = rows.map((r) => String(r['table_name'])).join(', ');
    return {
      status: 'broken',
      summary: `${tables}: the row count moved by a different amount than the log accounts for. Something wrote without going through a service.`,
      rows,
    };
  },
};

/** Reporting reads every table each month, so after a month every table must show up in the log. */
const everyTableTraced: InvariantSpec<OwnershipDetective> = {
  id: 'every-table-traced',
  label: 'After a month, the write log mentions every table',
  async check(dbs, quiet) {
    const seen = new Set(
      (await select(requireDb(dbs, MONOLITH), 'SELECT DISTINCT table_name FROM audit.write_log')).map((r) => String(r['table_name'])),
    );
    const missing = TABLES.filter((t) => !seen.has(t));
    if (missing.length === 0) return { status: 'holds', summary: 'All seven tables appear in the write log.' };
    if (seen.size === 0) return { status: 'pending', summary: 'The write log is empty: run a month of work.' };
    const summary = `Not in the log yet: ${missing.join(', ')}.`;
    return quiet ? { status: 'broken', summary, rows: missing.map((table_name) => ({ table_name })) } : { status: 'pending', summary };
  },
};

export const invariants: readonly InvariantSpec<OwnershipDetective>[] = [everyChangeLogged, everyTableTraced];
