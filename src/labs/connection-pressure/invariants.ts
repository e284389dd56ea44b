/** What must hold, read from each database's own connection log. */
import { requireDb, select } from '../check/select.ts';
import type { Cell } from '../engine/types.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { DATABASES } from '../ticket-system/layout.ts';
import type { ConnectionPressure } from './messages.ts';

const withinLimits: InvariantSpec<ConnectionPressure> = {
  id: 'within-limits',
  label: 'No database ever holds more connections than its limits allow',
  async check(dbs) {
    const rows = [];
    for (const database of DATABASES) {
      const over = await select(
        requireDb(dbs, database),
        `SELECT seq, at, role, instance, open_after, max_connections, open_for_role, role_limit FROM lab_connection_log
         WHERE event = 'opened' AND (open_after > max_connections OR (role_limit >= 0 AND open_for_role > role_limit))
         ORDER BY seq`,
      );
      rows.push(...over.map((r) => ({ database, ...r })));
    }
    if (rows.length === 0) return { status: 'holds', summary: 'Every connection was opened within max_connections and its role’s limit.' };
    return { status: 'broken', summary: `${rows.length} connection${rows.length === 1 ? ' was' : 's were'} opened beyond a limit.`, rows };
  },
};

const nobodyRefused: InvariantSpec<ConnectionPressure> = {
  id: 'nobody-refused',
  label: 'No service is refused a connection',
  async check(dbs) {
    const rows: Record<string, Cell>[] = [];
    for (const database of DATABASES) {
      const refused = await select(
        requireDb(dbs, database),
        `SELECT role, count(*)::int AS refused, min(reason) AS reason FROM lab_connection_log
         WHERE event = 'refused' GROUP BY role ORDER BY role`,
      );
      rows.push(...refused.map((r) => ({ database, ...r })));
    }
    if (rows.length === 0) return { status: 'holds', summary: 'Every connection a service asked for was granted.' };
    const total = rows.reduce((n, r) => n + Number(r['refused']), 0);
    const who = [...new Set(rows.map((r) => `${String(r['role'])} on ${String(r['database'])}`))].join(', ');
    return { status: 'broken', summary: `${total} connection${total === 1 ? '' : 's'} refused: ${who}.`, rows };
  },
};

export const invariants: readonly InvariantSpec<ConnectionPressure>[] = [withinLimits, nobodyRefused];
