/**
 * The report-contention lab: the support-ticket monolith serving its ticket workload while a monthly report
 * scans the whole ticket history. Two setups run side by side on the same workload: in A the report runs on
 * the monolith itself; in B it runs on an analytics store (SQLite) that a copy job keeps filled from the
 * monolith. The lab measures what the report costs the ticket requests in A, and how stale the report is in B.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition, TableView } from '../sim/types.ts';
import { MONOLITH_SQL } from '../ticket-system/index.ts';
import { analytics } from './analytics.ts';
import analyticsSql from './analytics.sql?raw';
import { measuredClock, type EngineClock } from './engine-clock.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import historySql from './history.sql?raw';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, REPORTING, TICKET_APP, type ReportContention } from './messages.ts';
import { monolith } from './monolith.ts';
import type { Watermark } from './queries.ts';
import { reporting } from './reporting.ts';
import { REPORT_EVERY_MS, REPORT_RUNS, WORKLOAD_REQUESTS } from './settings.ts';
import { ticketApp } from './ticket-app.ts';

export interface ReportContentionOptions {
  /** How measured engine time becomes virtual time; the tests swap in a fixed clock. */
  readonly clock?: EngineClock;
  /** `ticket-id` is the broken copy job the tests use as a negative control: it never copies an update. */
  readonly watermark?: Watermark;
}

// Both views read only tickets changed since the lab started, through the index on change_seq: they are
// refreshed after every step, and a scan of the whole history each time would slow every step down.
const monolithTables: readonly TableView[] = [
  {
    title: 'latest ticket changes',
    sql: 'SELECT id, customer_id, priority, status, expert_id, change_seq, changed_at_ms FROM tickets WHERE change_seq > 0 ORDER BY change_seq DESC LIMIT 6',
  },
  {
    title: 'tickets changed since the start, by status',
    sql: 'SELECT status, count(*)::int AS tickets FROM tickets WHERE change_seq > 0 GROUP BY status ORDER BY status',
  },
];

const analyticsTables: readonly TableView[] = [
  { title: 'etl_state (the copy job’s watermark)', sql: 'SELECT copied_seq, checked_seq, last_pass_ms, passes FROM etl_state' },
  {
    title: 'latest copied changes',
    sql: 'SELECT ticket_id, plan, region, status, change_seq, changed_at_ms, copied_at_ms FROM ticket_facts WHERE change_seq > 0 ORDER BY change_seq DESC LIMIT 6',
  },
];

const monolithDatabase = { kind: 'postgres' as const, setupSql: `${MONOLITH_SQL}\n${historySql}` };

export function reportContentionLab(options: ReportContentionOptions = {}): LabDefinition {
  const clock = options.clock ?? measuredClock;
  return defineLab<ReportContention>({
    id: 'report-contention',
    title: 'A report on the operational database, or on an analytics store',
    services: {
      [TICKET_APP]: ticketApp,
      [REPORTING]: reporting,
      [MONOLITH_A]: monolith(
        clock,
        'Monolith A (report runs here)',
        'Setup A: the ticket database, also serving the report (Postgres; one connection, busy for each statement’s measured time)',
        monolithDatabase,
        monolithTables,
      ),
      [MONOLITH_B]: monolith(
        clock,
        'Monolith B (report moved off)',
        'Setup B: the same ticket database; only the copy job reads it for analytics (Postgres; one connection, busy for each statement’s measured time)',
        monolithDatabase,
        monolithTables,
      ),
      [ANALYTICS]: analytics(clock, options.watermark ?? 'change-seq', { kind: 'sqlite', setupSql: analyticsSql }, analyticsTables),
    },
    faults,
    invariants,
    measures: measures(clock),
    actions: [
      {
        id: 'workload',
        label: `Serve ${WORKLOAD_REQUESTS} ticket requests`,
        service: TICKET_APP,
        message: { type: 'start-workload', requests: WORKLOAD_REQUESTS },
      },
      {
        id: 'reports',
        label: `Run the report ${REPORT_RUNS} times, every ${REPORT_EVERY_MS} ms`,
        service: REPORTING,
        message: { type: 'run-reports', times: REPORT_RUNS, everyMs: REPORT_EVERY_MS },
      },
      { id: 'report-once', label: 'Run the report once', service: REPORTING, message: { type: 'run-reports', times: 1, everyMs: 0 } },
      { id: 'copy-now', label: 'Run the copy job now', service: ANALYTICS, message: { type: 'copy-now' } },
    ],
    exercises,
  });
}

export default reportContentionLab();
