/**
 * The monolith's database service: the one Postgres every application service shares. It runs each
 * statement it is sent inside a transaction that also records what the statement touched in
 * `audit.write_log`, so a log row commits exactly when the write it describes commits.
 */
import type { ServiceBehaviour } from '../sim/types.ts';
import { COUNTERS_SQL, FRESH_COUNTERS_SQL, readCounters, touches } from './counters.ts';

export const MONOLITH = 'monolith';

/**
 * The log rows go in as one JSON literal, so that the insert and the COMMIT travel as one script. The JSON
 * holds only service and table names, operations and numbers, never the `$log$` quote that ends it.
 */
function logAndCommitSql(rows: readonly object[]): string {
  return `INSERT INTO audit.write_log (at, service, table_name, op, rows)
SELECT at, service, table_name, op, rows
FROM jsonb_to_recordset($log$${JSON.stringify(rows)}$log$::jsonb) AS t(at integer, service text, table_name text, op text, rows integer);
COMMIT`;
}

export const monolith: ServiceBehaviour<Record<string, never>> = {
  initialState: () => ({}),
  async handle(ctx, message, from) {
    if (message.type !== 'query') return;
    const op = String(message['op']);
    const params = (message['params'] ?? []) as readonly unknown[];
    const before = readCounters(await ctx.sql(`BEGIN;\n${FRESH_COUNTERS_SQL};\n${COUNTERS_SQL}`));
    const result = await ctx.sql(String(message['sql']), params);
    if (!result.ok) {
      await ctx.sql('ROLLBACK');
      ctx.send(from, { type: 'failed', op, error: `${result.error.code}: ${result.error.message}` });
      return;
    }
    const touched = touches(before, readCounters(await ctx.sql(COUNTERS_SQL)));
    await ctx.sql(touched.length > 0 ? logAndCommitSql(touched.map((t) => ({ at: ctx.now, service: from, ...t }))) : 'COMMIT');
    const rows = result.results.at(-1);
    ctx.send(from, { type: 'done', op, rows: rows ? Math.max(rows.rows.length, rows.affectedRows) : 0 });
  },
};
