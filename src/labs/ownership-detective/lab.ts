/**
 * The ownership-detective lab: the support-ticket monolith (one Postgres) shared by eight application
 * services that keep no data of their own, and a workload driver that runs a month of their work. The
 * monolith logs which service touched which table, and the reader decides from that log who owns what.
 */
import { defineLab } from '../kit/define-lab.ts';
import { appService } from './app-service.ts';
import { exercises } from './exercises.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { OwnershipDetective } from './messages.ts';
import { MONOLITH, monolith } from './monolith.ts';
import { WORKLOAD, workload } from './workload.ts';

export default defineLab<OwnershipDetective>({
  id: 'ownership-detective',
  title: 'Who writes which table of the ticket monolith',
  services: {
    [MONOLITH]: monolith,
    [WORKLOAD]: workload,
    ticket: appService('Ticket', 'Files and closes tickets'),
    assignment: appService('Assignment', 'Routes tickets to experts and schedules visits'),
    customer: appService('Customer', 'Signs customers up and keeps their profiles'),
    expert: appService('Expert', 'Hires experts and keeps their skills'),
    survey: appService('Survey', 'Records what customers say after a closed ticket'),
    billing: appService('Billing', 'Issues invoices and records payments'),
    location: appService('Location', 'Answers zip code lookups; loads the postal update'),
    reporting: appService('Reporting', 'Builds the support dashboards'),
  },
  faults: {},
  invariants,
  measures,
  actions: [{ id: 'run-month', label: 'Run a month of work', service: WORKLOAD, message: { type: 'run-month' } }],
  exercises,
});
