/**
 * A database service: a Postgres server that application services reach over the network. Each query runs
 * as the role of the service that sent it (`SET LOCAL ROLE`), so Postgres itself, through its grants, decides
 * what that service may read and write. The lab counts connections only as messages; each PGlite instance
 * has one real connection.
 */
import type { Message, ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import { rowsOf } from '../kit/service-sql.ts';
import { audit } from './audit.ts';
import type { AuditResultMessage, QueryMessage, ResultMessage } from './messages.ts';
import splitMigrationSql from './split-migration.sql?raw';
import { ROLE, TECHNIQUE, TECHNIQUES, type AppService, type DataService } from './techniques.ts';

export const SPLIT_MIGRATION_SQL = splitMigrationSql;

/** The statement's own result sits after BEGIN and SET LOCAL ROLE. */
const STATEMENT_INDEX = 2;

function isAppService(name: string): name is AppService {
  return name in ROLE;
}

async function runQuery(ctx: ServiceContext<null>, message: QueryMessage, from: string) {
  if (!isAppService(from)) throw new Error(`query from ${from}, which has no role`);
  const result = await ctx.sql(`BEGIN;\nSET LOCAL ROLE ${ROLE[from]};\n${message.sql};\nCOMMIT;`);
  // A failed statement leaves the transaction aborted on the one connection: end it before anything else runs.
  if (!result.ok) await ctx.sql('ROLLBACK');
  const statement = result.ok ? result.results[STATEMENT_INDEX] : undefined;
  const reply: ResultMessage = {
    type: 'result',
    requestId: message.requestId,
    flow: message.flow,
    ok: result.ok,
    code: result.ok ? '' : result.error.code,
    message: result.ok ? '' : result.error.message,
    affected: statement?.affectedRows ?? 0,
    rows: result.ok && statement ? rowsOf({ ...result, results: [statement] }) : [],
  };
  ctx.send(from, reply as unknown as Message);
}

export function dataService(name: DataService): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    async handle(ctx, message, from) {
      switch (message.type) {
        case 'query':
          await runQuery(ctx, message as unknown as QueryMessage, String(from));
          return;
        case 'audit': {
          const rows = [];
          for (const technique of TECHNIQUES.filter((t) => TECHNIQUE[t].database === name)) {
            rows.push((await audit((sql) => ctx.sql(sql), technique)).row);
          }
          const reply: AuditResultMessage = { type: 'audit-result', run: Number(message['run'] ?? 0), rows };
          ctx.send(String(from), reply as unknown as Message);
          return;
        }
        case 'apply-split': {
          const result = await ctx.sql(SPLIT_MIGRATION_SQL);
          if (!result.ok) await ctx.sql('ROLLBACK');
          ctx.note(result.ok ? 'split tickets into tickets and ticket_assignments' : `the split failed: ${result.error.message}`);
          return;
        }
      }
    },
  };
}
