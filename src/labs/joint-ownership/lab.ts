/**
 * The joint-ownership lab: Ticket and Assignment both write the `tickets` table, and the lab runs the four
 * ways out of it side by side on one seeded workload: a table split (its own Postgres), and a data domain,
 * a delegate and a consolidated service (a schema each in a second Postgres). A SQLite client sends the
 * workload and logs every outcome.
 */
import { defineLab } from '../kit/define-lab.ts';
import { appService } from './app-service.ts';
import { client } from './client.ts';
import { splitDb, ticketDb } from './data-service.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { JointOwnership } from './messages.ts';
import { ASSIGNMENT, CLIENT, SPLIT_DB, TICKET, TICKET_DB, TICKET_MANAGEMENT } from './techniques.ts';

export const jointOwnershipLab = defineLab<JointOwnership>({
  id: 'joint-ownership',
  title: 'Four ways to resolve a jointly owned table',
  services: {
    [CLIENT]: client,
    [TICKET]: appService('Ticket', 'Creates, closes and reprioritises tickets; owns the ticket data under delegate'),
    [ASSIGNMENT]: appService('Assignment', 'Assigns an expert and a time to a ticket'),
    [TICKET_MANAGEMENT]: appService('Ticket management', 'Ticket and Assignment consolidated into one service'),
    [SPLIT_DB]: splitDb,
    [TICKET_DB]: ticketDb,
  },
  faults,
  invariants,
  measures,
  actions: [
    { id: 'run-workload', label: 'Run the workload', service: CLIENT, message: { type: 'run-workload' } },
    { id: 'apply-split', label: 'Apply the table split', service: SPLIT_DB, message: { type: 'apply-split' } },
    { id: 'audit', label: 'Audit the databases now', service: CLIENT, message: { type: 'audit' } },
  ],
  exercises,
});

export default jointOwnershipLab;
