/**
 * The pull-apart lab: the support-ticket monolith, the services that share it, and an empty second
 * Postgres database. The reader splits the monolith step by step with SQL; the lab shows what each step
 * broke and what replaced it, and finally moves the ticket schema into the second database.
 */
import type { LabDefinition, ServiceDefinition, TableView } from '../sim/types.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import { appServiceBehaviour, supportDesk } from './app-services.ts';
import { database } from './databases.ts';
import { exercises } from './exercises.ts';
import { invariants } from './invariants.ts';
import type { MoveSchema } from './messages.ts';
import { MONOLITH, TICKET_DB } from './requests.ts';
import { appServices } from './services.ts';
import ticketDbSql from './ticket-db.sql?raw';

const USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

const tablesBySchema: TableView = {
  title: 'Tables and views by schema',
  sql: `SELECT n.nspname AS schema, c.relname AS name, CASE c.relkind WHEN 'r' THEN 'table' ELSE 'view' END AS kind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v') AND ${USER_SCHEMAS} ORDER BY 1, 2`,
};

const foreignKeys: TableView = {
  title: 'Foreign keys',
  sql: "SELECT conname AS name, conrelid::regclass AS from_table, confrelid::regclass AS to_table FROM pg_constraint WHERE contype = 'f' ORDER BY 1",
};

const serviceRoles: TableView = {
  title: 'Service roles and the schemas they may use',
  sql: `SELECT r.rolname AS role,
  coalesce((SELECT string_agg(n.nspname, ', ' ORDER BY n.nspname) FROM pg_namespace n
    WHERE ${USER_SCHEMAS} AND n.nspname <> 'public' AND has_schema_privilege(r.rolname, n.oid, 'USAGE')), '(none)') AS may_use
FROM pg_roles r WHERE r.rolname LIKE '%\\_service' ORDER BY 1`,
};

const application: ServiceDefinition[] = appServices.map((spec) => ({
  name: spec.name,
  label: spec.label,
  role: `Owns the ${spec.domain} domain; reaches data through the database it is pointed at`,
  tables: [],
}));

const moveTicketSchema: MoveSchema = { type: 'move-schema', schema: 'ticketing', service: 'ticket', to: TICKET_DB };

export function pullApartLab(): LabDefinition {
  return {
    id: 'pull-apart',
    title: 'Pulling the support-ticket monolith apart',
    services: [
      { name: 'support-desk', label: 'Support desk', role: 'People using the services: sends each one its usual requests', tables: [] },
      ...application,
      {
        name: MONOLITH,
        label: 'Monolith (Postgres)',
        role: 'The one shared database every service reads and writes',
        database: { kind: 'postgres', setupSql: MONOLITH_SQL },
        tables: [tablesBySchema, foreignKeys, serviceRoles],
      },
      {
        name: TICKET_DB,
        label: 'Ticket database (Postgres)',
        role: 'Starts empty; the Ticket service’s own database once its schema moves',
        database: { kind: 'postgres', setupSql: ticketDbSql },
        tables: [tablesBySchema, serviceRoles],
      },
    ],
    behaviours: {
      'support-desk': supportDesk(),
      ...Object.fromEntries(appServices.map((spec) => [spec.name, appServiceBehaviour(spec.name)])),
      [MONOLITH]: database(),
      [TICKET_DB]: database(),
    },
    faults: [],
    invariants,
    actions: [
      {
        id: 'send-requests',
        label: 'Send every service its usual requests',
        service: 'support-desk',
        message: { type: 'send-requests' },
      },
      {
        id: 'move-ticket-schema',
        label: 'Move the ticket schema to its own database',
        service: MONOLITH,
        message: moveTicketSchema,
      },
    ],
    network: { latencyMs: 5, jitterMs: 3 },
    statementLimitMs: 10_000,
    exercises,
  };
}

export default pullApartLab();
