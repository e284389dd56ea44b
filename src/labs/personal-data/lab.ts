/**
 * The personal-data lab: a customer's email and phone live in the customer service (Postgres) and are copied
 * to orders and analytics (SQLite), into an immutable event log and into last night's backup. Who may read
 * them is decided by Postgres (column grants, row-level security), and probed as each role. A request to be
 * forgotten is carried out two ways side by side: deleting every copy, and destroying the customer's key at
 * the key service (Postgres with pgcrypto), which leaves every sealed copy unreadable at once.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { analytics, orders } from './copies.ts';
import { customers, type FanOut } from './customers.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { keys } from './keys.ts';
import { measures } from './measures.ts';
import type { PersonalData } from './messages.ts';
import { CUSTOMERS } from './settings.ts';

export function personalDataLab(fanOut: FanOut = 'catalog'): LabDefinition {
  return defineLab<PersonalData>({
    id: 'personal-data',
    title: 'Personal data: who may read it, and erasing every copy',
    services: { customers: customers(fanOut), keys, orders, analytics },
    faults,
    invariants,
    measures,
    actions: [
      {
        id: 'run-workload',
        label: `Sign up ${CUSTOMERS} customers, then back up`,
        service: 'customers',
        message: { type: 'run-workload' },
      },
      { id: 'probe', label: 'Probe as each role', service: 'customers', message: { type: 'probe' } },
      { id: 'erase', label: 'Erase a customer (right to be forgotten)', service: 'customers', message: { type: 'erase-next' } },
    ],
    exercises,
  });
}

export default personalDataLab();
