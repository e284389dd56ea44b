/**
 * Each database's setup, built from the shared ticket-system monolith so the lab tells the same story as
 * the rest of the part: the same customers, experts and tickets, in every technique's copy.
 *
 * - `split-db` holds the table-split technique in its own Postgres, starting from the jointly written table
 *   (the reader performs the split).
 * - `ticket-db` holds the other three techniques in one Postgres, a schema each (`domain`, `delegate`,
 *   `merged`). They never touch each other's schema; roles and grants keep them apart, and the lab boots one
 *   PGlite instance instead of three.
 */
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import jointTicketsSql from './joint-tickets.sql?raw';
import writeLogSql from './write-log.sql?raw';
import { ROLE, TECHNIQUE, type TechniqueId } from './techniques.ts';

function writeLog(name: string): string {
  return writeLogSql.replace('LOG_NAME', name);
}

/** The monolith's tables, made jointly owned, inside `schema`. */
function jointTicketData(schema: string): string {
  return [
    `CREATE SCHEMA ${schema};`,
    `SET search_path TO ${schema};`,
    MONOLITH_SQL,
    jointTicketsSql,
    writeLog('write_log'),
    `ALTER FUNCTION count_open_tickets() SET search_path = ${schema};`,
    'RESET search_path;',
  ].join('\n');
}

function grantsFor(technique: TechniqueId): string {
  const { schema, tables } = TECHNIQUE[technique];
  const lines: string[] = [];
  for (const { table, writers } of tables) {
    const roles = writers.map((w) => ROLE[w]).join(', ');
    lines.push(
      `GRANT USAGE ON SCHEMA ${schema} TO ${roles};`,
      `GRANT SELECT, INSERT, UPDATE ON ${schema}.${table} TO ${roles};`,
      `GRANT SELECT, INSERT ON ${schema}.write_log TO ${roles};`,
      `GRANT USAGE ON SEQUENCE ${schema}.write_seq TO ${roles};`,
    );
  }
  return lines.join('\n');
}

export const TICKET_DB_SQL = [
  `CREATE ROLE ${ROLE.ticket}; CREATE ROLE ${ROLE.assignment}; CREATE ROLE ${ROLE['ticket-management']};`,
  ...(['domain', 'delegate', 'merged'] as const).map((t) => jointTicketData(TECHNIQUE[t].schema)),
  ...(['domain', 'delegate', 'merged'] as const).map(grantsFor),
].join('\n');

/** The split technique's database before the split: one table that both services' roles write. */
export const SPLIT_DB_SQL = [
  `CREATE ROLE ${ROLE.ticket}; CREATE ROLE ${ROLE.assignment};`,
  MONOLITH_SQL,
  jointTicketsSql,
  writeLog('ticket_log'),
  writeLog('assignment_log'),
  `GRANT SELECT, INSERT, UPDATE ON tickets TO ${ROLE.ticket}, ${ROLE.assignment};`,
  `GRANT SELECT, INSERT ON ticket_log TO ${ROLE.ticket};`,
  `GRANT SELECT, INSERT ON assignment_log TO ${ROLE.assignment};`,
  `GRANT USAGE ON SEQUENCE write_seq TO ${ROLE.ticket}, ${ROLE.assignment};`,
].join('\n');
