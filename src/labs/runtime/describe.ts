/**
 * psql's backslash commands (`\d`, `\dt`, `\d name`, `\dn`, `\du`, `\l` …) in the console, through psql-describe:
 * psql's own describe code ported to JavaScript, loaded the first time a reader types one. Its queries run on the
 * service's database like any other; they read the catalog and change nothing, so they are not recorded as inputs.
 */
import { postgresTypeOid } from '../engine/postgres-types.ts';
import type { Cell, Database, QueryResult, ResultSet, SqlError } from '../engine/types.ts';

export function isBackslashCommand(text: string): boolean {
  return text.trimStart().startsWith('\\');
}

/** psql-describe reads values in Postgres's text form, as psql gets them; PGlite hands back parsed values. */
function asText(value: Cell | readonly Cell[] | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return `{${value.map((v: Cell) => asText(v) ?? 'NULL').join(',')}}`;
  return String(value);
}

interface DescribeTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly cells: readonly string[];
  readonly ncolumns: number;
  readonly footers?: readonly string[] | null;
}

function tableSet(table: DescribeTable): ResultSet {
  const rows: string[][] = [];
  for (let i = 0; i < table.cells.length; i += table.ncolumns) rows.push(table.cells.slice(i, i + table.ncolumns));
  const footers = table.footers?.filter((f) => f !== '') ?? [];
  return {
    command: table.title,
    fields: table.headers.map((name) => ({ name, type: '' })),
    rows,
    affectedRows: 0,
    ...(footers.length > 0 ? { notice: footers.join('\n') } : {}),
  };
}

const messageSet = (text: string): ResultSet => ({ command: '', fields: [], rows: [], affectedRows: 0, notice: text });

export async function describe(db: Database, command: string): Promise<QueryResult> {
  const started = performance.now();
  if (db.kind !== 'postgres') {
    const message = `${command.trim().split(/\s/)[0] ?? command} is a psql command, for Postgres. In SQLite, list tables with SELECT name, sql FROM sqlite_master.`;
    return { ok: false, durationMs: 0, error: { code: 'LAB', message } };
  }
  const { describe: psqlDescribe } = await import('psql-describe');
  const results: ResultSet[] = [];
  let failure: SqlError | undefined;
  const runQuery = async (sql: string) => {
    const result = await db.query(sql);
    if (!result.ok) {
      // The position is within psql's query, not within what the reader typed.
      const { position, ...error } = result.error;
      failure = position === undefined ? result.error : error;
      throw new Error(result.error.message);
    }
    const last = result.results.at(-1);
    return {
      rows: (last?.rows ?? []).map((row) => row.map(asText)),
      fields: (last?.fields ?? []).map((f) => ({ name: f.name, dataTypeID: postgresTypeOid(f.type) })),
      rowCount: last?.rows.length ?? 0,
    };
  };
  const output = (item: string | Record<string, unknown>) =>
    results.push(typeof item === 'string' ? messageSet(item) : tableSet(item as unknown as DescribeTable));
  await psqlDescribe(command.trim(), 'postgres', runQuery, output).promise.catch(() => undefined);
  const durationMs = performance.now() - started;
  if (failure) return { ok: false, durationMs, error: failure };
  return { ok: true, durationMs, results: results.length > 0 ? results : [messageSet('No output.')] };
}
