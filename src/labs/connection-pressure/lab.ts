/**
 * The connection-pressure lab: Ticket, Billing and Reporting scaled out as instances with connection pools,
 * against one shared database with a connection limit, and against one database per domain. The pools and the
 * limits are the simulation's bookkeeping (each PGlite instance has one real connection); the limits are read
 * from the real catalog and every query runs on the real database.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition, TableView } from '../sim/types.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import { domainDatabaseOf, domainSetupSql } from '../ticket-system/layout.ts';
import { APP_LABELS, APP_SERVICES, type AppService } from '../ticket-system/queries.ts';
import connectionsSql from './connections.sql?raw';
import { databaseServer, type DatabaseOptions } from './database.ts';
import { exercises } from './exercises.ts';
import { fleet } from './fleet.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import { USERS, type ConnectionPressure } from './messages.ts';
import { DOMAIN_MAX_CONNECTIONS, SHARED_MAX_CONNECTIONS } from './settings.ts';
import { users } from './users.ts';

const settings = (max: number) => [`max_connections=${max}`, 'superuser_reserved_connections=0'];

const tables: TableView[] = [
  {
    title: 'connections by role (the lab’s pg_stat_activity)',
    sql: `SELECT r.rolname AS role, r.rolconnlimit AS role_limit, count(c.id)::int AS open,
  count(c.id) FILTER (WHERE c.state = 'active')::int AS active, current_setting('max_connections') AS max_connections
FROM pg_roles r LEFT JOIN lab_connections c ON c.role = r.rolname
WHERE r.rolname LIKE '%\\_app' GROUP BY r.rolname, r.rolconnlimit ORDER BY r.rolname`,
  },
  {
    title: 'connection log (newest first)',
    sql: 'SELECT seq, at, role, instance, event, open_after, reason FROM lab_connection_log ORDER BY seq DESC LIMIT 30',
  },
];

export function connectionPressureLab(options: DatabaseOptions = { enforceLimits: true }): LabDefinition {
  /** The database a service owns in the split layout, with its own connection limit. */
  const ownDatabase = (owner: AppService) => {
    const db = domainDatabaseOf(owner);
    return databaseServer(
      options,
      db.label,
      `${APP_LABELS[db.owner]}’s domain, max_connections = ${DOMAIN_MAX_CONNECTIONS} (Postgres)`,
      { kind: 'postgres', settings: settings(DOMAIN_MAX_CONNECTIONS), setupSql: `${domainSetupSql(db)}\n${connectionsSql}` },
      tables,
    );
  };
  return defineLab<ConnectionPressure>({
    id: 'connection-pressure',
    title: 'Connection pressure and outages: one shared database or one per domain',
    services: {
      [USERS]: users,
      ticket: fleet('ticket'),
      billing: fleet('billing'),
      reporting: fleet('reporting'),
      monolith: databaseServer(
        options,
        'Shared database',
        `The monolith, max_connections = ${SHARED_MAX_CONNECTIONS} (Postgres)`,
        { kind: 'postgres', settings: settings(SHARED_MAX_CONNECTIONS), setupSql: `${MONOLITH_SQL}\n${connectionsSql}` },
        tables,
      ),
      'ticket-db': ownDatabase('ticket'),
      'billing-db': ownDatabase('billing'),
      'reporting-db': ownDatabase('reporting'),
    },
    faults: {},
    invariants,
    measures,
    actions: [
      ...APP_SERVICES.map((s) => ({
        id: `add-${s}`,
        label: `Add a ${APP_LABELS[s]} instance`,
        service: s,
        message: { type: 'scale-out' } as const,
      })),
      { id: 'burst-shared', label: 'Send a burst to the shared database', service: USERS, message: { type: 'burst', layout: 'shared' } },
      { id: 'burst-split', label: 'Send a burst to the domain databases', service: USERS, message: { type: 'burst', layout: 'split' } },
      { id: 'crash-shared', label: 'Take the shared database down', service: 'monolith', message: { type: 'crash' } },
      { id: 'crash-ticket-db', label: 'Take the Ticket database down', service: 'ticket-db', message: { type: 'crash' } },
    ],
    exercises,
  });
}

export default connectionPressureLab();
