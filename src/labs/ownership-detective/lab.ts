/**
 * The ownership-detective lab: the support-ticket monolith (one Postgres) shared by eight application
 * services that keep no data of their own, and a workload driver that runs a month of their work. The
 * monolith logs which service touched which table, and the reader decides from that log who owns what.
 */
import type { LabDefinition, ServiceDefinition } from '../sim/types.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import { appService } from './app-service.ts';
import auditSql from './audit.sql?raw';
import { exercises } from './exercises.ts';
import { invariants } from './invariants.ts';
import { RECENT_LOG_SQL, WRITE_MATRIX_SQL } from './matrix.ts';
import { measures } from './measures.ts';
import { MONOLITH, monolith } from './monolith.ts';
import type { AppService } from './statements.ts';
import { WORKLOAD, workload } from './workload.ts';

const APPS: readonly { readonly name: AppService; readonly label: string; readonly role: string }[] = [
  { name: 'ticket', label: 'Ticket', role: 'Files and closes tickets' },
  { name: 'assignment', label: 'Assignment', role: 'Routes tickets to experts and schedules visits' },
  { name: 'customer', label: 'Customer', role: 'Signs customers up and keeps their profiles' },
  { name: 'expert', label: 'Expert', role: 'Hires experts and keeps their skills' },
  { name: 'survey', label: 'Survey', role: 'Records what customers say after a closed ticket' },
  { name: 'billing', label: 'Billing', role: 'Issues invoices and records payments' },
  { name: 'location', label: 'Location', role: 'Answers zip code lookups; loads the postal update' },
  { name: 'reporting', label: 'Reporting', role: 'Builds the support dashboards' },
];

const services: ServiceDefinition[] = [
  {
    name: MONOLITH,
    label: 'Monolith (Postgres)',
    role: 'The one shared database; logs every table each statement touched',
    database: { kind: 'postgres', setupSql: `${MONOLITH_SQL}\n${auditSql}` },
    tables: [
      { title: 'write matrix (W writes, R reads)', sql: WRITE_MATRIX_SQL },
      { title: 'audit.write_log (latest first)', sql: RECENT_LOG_SQL },
    ],
  },
  {
    name: WORKLOAD,
    label: 'Workload',
    role: 'Plays a month of requests, drawn from the seed',
    tables: [],
  },
  ...APPS.map((app) => ({ ...app, tables: [] })),
];

const lab: LabDefinition = {
  id: 'ownership-detective',
  title: 'Who writes which table of the ticket monolith',
  services,
  behaviours: {
    [MONOLITH]: monolith,
    [WORKLOAD]: workload,
    ...Object.fromEntries(APPS.map((app) => [app.name, appService(app.name)])),
  },
  faults: [],
  invariants,
  measures,
  actions: [{ id: 'run-month', label: 'Run a month of work', service: WORKLOAD, message: { type: 'run-month' } }],
  network: { latencyMs: 10, jitterMs: 5 },
  statementLimitMs: 10_000,
  exercises,
};

export default lab;
