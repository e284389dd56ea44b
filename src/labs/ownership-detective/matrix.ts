/**
 * The write matrix the lab shows live: one row per table, one column per service, each cell saying how
 * many log rows that service has for that table, as writes (W) and reads (R). Rendered by Postgres from the
 * real write log after every event, so it is always what the log says and nothing else.
 */
import { APP_SERVICES } from './statements.ts';
import { TABLES } from './variants.ts';

const cell = (service: string) =>
  `concat_ws(' ', 'W' || nullif(count(*) FILTER (WHERE service = '${service}' AND op <> 'SELECT'), 0), ` +
  `'R' || nullif(count(*) FILTER (WHERE service = '${service}' AND op = 'SELECT'), 0)) AS "${service}"`;

export const WRITE_MATRIX_SQL = `SELECT table_name,
  ${APP_SERVICES.map(cell).join(',\n  ')}
FROM audit.write_log
GROUP BY table_name
ORDER BY array_position(ARRAY[${TABLES.map((t) => `'${t}'`).join(', ')}], table_name::text), table_name`;

export const RECENT_LOG_SQL = 'SELECT id, at, service, table_name, op, rows FROM audit.write_log ORDER BY id DESC LIMIT 12';
