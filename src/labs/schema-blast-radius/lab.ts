/**
 * The schema-blast-radius lab: Ticket, Billing and Reporting have no database of their own. In the shared
 * layout they all send their queries to one monolith; in the split layout each sends them to the database it
 * owns. The reader changes a schema in the console and runs every request to see who breaks.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition, TableView } from '../sim/types.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import { domainDatabaseOf, domainSetupSql } from '../ticket-system/layout.ts';
import { APP_LABELS, type AppService } from '../ticket-system/queries.ts';
import { exercises } from './exercises.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { SchemaBlastRadius } from './messages.ts';
import { appService, databaseServer, users } from './services.ts';

/** The schema as the database sees it now, one line per table or view, so a change shows at once. */
const columns: TableView = {
  title: 'tables and views with their columns',
  sql: `SELECT c.table_name, string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position) AS columns
FROM information_schema.columns c WHERE c.table_schema = 'public'
GROUP BY c.table_name ORDER BY c.table_name`,
};

/** The database a service owns in the split layout: the monolith minus what it neither owns nor reads. */
function ownDatabase(owner: AppService) {
  const db = domainDatabaseOf(owner);
  return databaseServer(
    db.label,
    `Owned by ${APP_LABELS[db.owner]}: ${db.owns.join(', ')}${db.copies.length > 0 ? `; copies of ${db.copies.join(', ')}` : ''} (Postgres)`,
    { kind: 'postgres', setupSql: domainSetupSql(db) },
    [columns],
  );
}

export function schemaBlastRadiusLab(): LabDefinition {
  return defineLab<SchemaBlastRadius>({
    id: 'schema-blast-radius',
    title: 'Who breaks when a schema changes: one shared database or one per service',
    services: {
      users,
      ticket: appService('ticket'),
      billing: appService('billing'),
      reporting: appService('reporting'),
      monolith: databaseServer(
        'Shared database',
        'The whole support-ticket monolith: every table, one view, one trigger (Postgres)',
        { kind: 'postgres', setupSql: MONOLITH_SQL },
        [columns],
      ),
      'ticket-db': ownDatabase('ticket'),
      'billing-db': ownDatabase('billing'),
      'reporting-db': ownDatabase('reporting'),
    },
    faults: {},
    invariants,
    measures,
    actions: [
      {
        id: 'run-shared',
        label: 'Run every request on the shared database',
        service: 'users',
        message: { type: 'run', layout: 'shared' },
      },
      {
        id: 'run-split',
        label: 'Run every request on each service’s own database',
        service: 'users',
        message: { type: 'run', layout: 'split' },
      },
    ],
    exercises,
  });
}

export default schemaBlastRadiusLab();
