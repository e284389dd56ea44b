/**
 * The monolith's database service: the one Postgres every application service shares. It runs each
 * statement it is sent inside a transaction that also records what the statement touched in
 * `audit.write_log`, so a log row commits exactly when the write it describes commits.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import auditSql from './audit.sql?raw';
import { COUNTERS_SQL, FRESH_COUNTERS_SQL, readCounters, touches } from './counters.ts';
import { RECENT_LOG_SQL, WRITE_MATRIX_SQL } from './matrix.ts';
import type { OwnershipDetective } from './messages.ts';
import { isAppService } from './statements.ts';

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

export const monolith: ServiceSpec<OwnershipDetective, typeof MONOLITH, null> = {
  label: 'Monolith (Postgres)',
  role: 'The one shared database; logs every table each statement touched',
  database: { kind: 'postgres', setupSql: `${MONOLITH_SQL}\n${auditSql}` },
  tables: [
    { title: 'write matrix (W writes, R reads)', sql: WRITE_MATRIX_SQL },
    { title: 'audit.write_log (latest first)', sql: RECENT_LOG_SQL },
  ],
  initialState: () => null,
  on: {
    async query(ctx, message, from) {
      if (!isAppService(from)) throw new Error(`a statement from ${from}, which is not an application service`);
      const before = readCounters(await ctx.sql(`BEGIN;\n${FRESH_COUNTERS_SQL};\n${COUNTERS_SQL}`));
      const result = await ctx.sql(message.sql, message.params);
      if (!result.ok) {
        await ctx.sql('ROLLBACK');
        ctx.send(from, { type: 'failed', op: message.op, error: `${result.error.code}: ${result.error.message}` });
        return;
      }
      const touched = touches(before, readCounters(await ctx.sql(COUNTERS_SQL)));
      await ctx.sql(touched.length > 0 ? logAndCommitSql(touched.map((t) => ({ at: ctx.now, service: from, ...t }))) : 'COMMIT');
      const rows = result.results.at(-1);
      ctx.send(from, { type: 'done', op: message.op, rows: rows ? Math.max(rows.rows.length, rows.affectedRows) : 0 });
    },
  },
};
