/**
 * The schema-blast-radius lab: Ticket, Billing and Reporting have no database of their own. In the shared
 * layout they all send their queries to one monolith; in the split layout each sends them to the database it
 * owns. The reader changes a schema in the console and runs every request to see who breaks.
 */
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import type { LabDefinition, ServiceDefinition, TableView } from '../sim/types.ts';
import { exercises } from './exercises.ts';
import { invariants } from './invariants.ts';
import { DOMAIN_DATABASES, SHARED_DATABASE, domainSetupSql } from './layout.ts';
import { measures } from './measures.ts';
import { APP_LABELS, APP_SERVICES, queriesOf } from './queries.ts';
import { USERS, appService, databaseServer, users } from './services.ts';

/** The schema as the database sees it now, one line per table or view, so a change shows at once. */
const columns: TableView = {
  title: 'tables and views with their columns',
  sql: `SELECT c.table_name, string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position) AS columns
FROM information_schema.columns c WHERE c.table_schema = 'public'
GROUP BY c.table_name ORDER BY c.table_name`,
};

const appServices: ServiceDefinition[] = APP_SERVICES.map((service) => ({
  name: service,
  label: APP_LABELS[service],
  role: `Application server; runs ${queriesOf(service)
    .map((q) => q.id)
    .join(', ')}`,
  tables: [],
}));

export function schemaBlastRadiusLab(): LabDefinition {
  return {
    id: 'schema-blast-radius',
    title: 'Who breaks when a schema changes: one shared database or one per service',
    services: [
      { name: USERS, label: 'Users', role: 'Customers, experts and staff: send every request the services serve', tables: [] },
      ...appServices,
      {
        name: SHARED_DATABASE,
        label: 'Shared database',
        role: 'The whole support-ticket monolith: every table, one view, one trigger (Postgres)',
        database: { kind: 'postgres', setupSql: MONOLITH_SQL },
        tables: [columns],
      },
      ...DOMAIN_DATABASES.map((db) => ({
        name: db.name,
        label: db.label,
        role: `Owned by ${APP_LABELS[db.owner]}: ${db.owns.join(', ')}${db.copies.length > 0 ? `; copies of ${db.copies.join(', ')}` : ''} (Postgres)`,
        database: { kind: 'postgres' as const, setupSql: domainSetupSql(db) },
        tables: [columns],
      })),
    ],
    behaviours: {
      [USERS]: users(),
      ...Object.fromEntries(APP_SERVICES.map((s) => [s, appService(s)])),
      [SHARED_DATABASE]: databaseServer(),
      ...Object.fromEntries(DOMAIN_DATABASES.map((db) => [db.name, databaseServer()])),
    },
    faults: [],
    invariants,
    measures,
    actions: [
      {
        id: 'run-shared',
        label: 'Run every request on the shared database',
        service: USERS,
        message: { type: 'run', layout: 'shared' },
      },
      {
        id: 'run-split',
        label: 'Run every request on each service’s own database',
        service: USERS,
        message: { type: 'run', layout: 'split' },
      },
    ],
    network: { latencyMs: 10, jitterMs: 5 },
    statementLimitMs: 10_000,
    exercises,
  };
}

export default schemaBlastRadiusLab();
