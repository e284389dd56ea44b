/**
 * Moving one schema out of the monolith: read its tables' definitions and rows from the real catalog and
 * write one script that recreates them in another Postgres database, then gives the owning service a role
 * there. It does what a dump and restore would, in the few lines this lab needs. A foreign key that leaves
 * the schema cannot follow it into another database, so the move refuses while any remains.
 */
import { MAX_CELL_CHARS, MAX_ROWS } from '../engine/display-limits.ts';
import type { Cell } from '../engine/types.ts';
import { rowsOf, sqlText } from '../kit/service-sql.ts';
import type { RunSql } from './requests.ts';

export interface MovePlan {
  /** Why the move cannot happen yet; empty when it can. */
  readonly blockers: readonly string[];
  readonly script: string;
  /** Rows copied per table. */
  readonly rows: Readonly<Record<string, number>>;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function read(run: RunSql, sql: string): Promise<Record<string, Cell>[]> {
  const result = await run(sql);
  if (!result.ok) throw new Error(`cannot read the catalog (${result.error.code}): ${result.error.message}`);
  return rowsOf(result);
}

export async function planMove(run: RunSql, schema: string, role: string): Promise<MovePlan> {
  const s = sqlText(schema);
  const exists = await read(run, `SELECT 1 FROM pg_namespace WHERE nspname = ${s}`);
  if (exists.length === 0) return { blockers: [`the monolith has no schema ${schema}`], script: '', rows: {} };
  const leaving = await read(
    run,
    `SELECT con.conname, fn.nspname || '.' || f.relname AS "from", tn.nspname || '.' || t.relname AS "to"
     FROM pg_constraint con
     JOIN pg_class f ON f.oid = con.conrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace
     JOIN pg_class t ON t.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     WHERE con.contype = 'f' AND (fn.nspname = ${s}) <> (tn.nspname = ${s}) ORDER BY 1`,
  );
  const blockers = leaving.map((r) => `foreign key ${String(r['conname'])} (${String(r['from'])} -> ${String(r['to'])})`);
  const tables = (
    await read(
      run,
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${s} AND c.relkind = 'r' ORDER BY 1`,
    )
  ).map((r) => String(r['relname']));
  if (tables.length === 0) blockers.push(`schema ${schema} holds no table`);
  if (blockers.length > 0) return { blockers, script: '', rows: {} };

  const columns = await read(
    run,
    `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS def
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = ${s} AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum`,
  );
  const constraints = await read(
    run,
    `SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) AS def
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ${s} AND con.contype IN ('p', 'u', 'c', 'f') ORDER BY c.relname, con.contype DESC, con.conname`,
  );

  const q = ident(schema);
  const statements = ['BEGIN;', `CREATE SCHEMA IF NOT EXISTS ${q};`];
  const foreignKeys: string[] = [];
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const cols = columns
      .filter((c) => c['relname'] === table)
      .map(
        (c) =>
          `${ident(String(c['attname']))} ${String(c['type'])}${c['def'] === null ? '' : ` DEFAULT ${String(c['def'])}`}${c['attnotnull'] ? ' NOT NULL' : ''}`,
      );
    const own = constraints.filter((c) => c['relname'] === table);
    const inline = own.filter((c) => c['contype'] !== 'f').map((c) => `CONSTRAINT ${ident(String(c['conname']))} ${String(c['def'])}`);
    for (const fk of own.filter((c) => c['contype'] === 'f')) {
      // Added after the rows, and only once, whatever order the tables come in.
      foreignKeys.push(
        `DO $$ BEGIN ALTER TABLE ${q}.${ident(table)} ADD CONSTRAINT ${ident(String(fk['conname']))} ${String(fk['def'])}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
      );
    }
    statements.push(`CREATE TABLE IF NOT EXISTS ${q}.${ident(table)} (\n  ${[...cols, ...inline].join(',\n  ')}\n);`);
    // One row per result row: the engine caps each cell for display, and a whole table in one cell would be cut.
    const data = (await read(run, `SELECT row_to_json(t)::text AS j FROM ${q}.${ident(table)} t`)).map((r) => String(r['j']));
    if (data.length >= MAX_ROWS || data.some((j) => j.length >= MAX_CELL_CHARS)) {
      return { blockers: [`${schema}.${table} is too large for this lab to copy in one message`], script: '', rows: {} };
    }
    rows[table] = data.length;
    statements.push(
      `INSERT INTO ${q}.${ident(table)} SELECT * FROM json_populate_recordset(NULL::${q}.${ident(table)}, ${sqlText(`[${data.join(',')}]`)}) ON CONFLICT DO NOTHING;`,
    );
  }
  const r = ident(role);
  statements.push(
    ...foreignKeys,
    `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
    `GRANT USAGE ON SCHEMA ${q} TO ${r};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q} TO ${r};`,
    'COMMIT;',
  );
  return { blockers: [], script: statements.join('\n'), rows };
}
