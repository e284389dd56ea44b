/**
 * The pull-apart lab: the support-ticket monolith, the services that share it, and an empty second
 * Postgres database. The reader splits the monolith step by step with SQL; the lab shows what each step
 * broke and what replaced it, and finally moves the ticket schema into the second database.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { appServiceSpec, supportDesk } from './app-services.ts';
import { monolith, ticketDb } from './databases.ts';
import { exercises } from './exercises.ts';
import { invariants } from './invariants.ts';
import type { PullApart } from './messages.ts';
import { MONOLITH, TICKET_DB } from './requests.ts';

export function pullApartLab(): LabDefinition {
  return defineLab<PullApart>({
    id: 'pull-apart',
    title: 'Pulling the support-ticket monolith apart',
    services: {
      'support-desk': supportDesk,
      ticket: appServiceSpec('ticket'),
      customer: appServiceSpec('customer'),
      survey: appServiceSpec('survey'),
      billing: appServiceSpec('billing'),
      [MONOLITH]: monolith,
      [TICKET_DB]: ticketDb,
    },
    faults: {},
    invariants,
    actions: [
      { id: 'send-requests', label: 'Send every service its usual requests', service: 'support-desk', message: { type: 'send-requests' } },
      {
        id: 'move-ticket-schema',
        label: 'Move the ticket schema to its own database',
        service: MONOLITH,
        message: { type: 'move-schema', schema: 'ticketing', service: 'ticket', to: TICKET_DB },
      },
    ],
    // The one lab with its own latency, kept from before the kit's default; timings in the timeline depend on it.
    network: { latencyMs: 5, jitterMs: 3 },
    exercises,
  });
}

export default pullApartLab();
