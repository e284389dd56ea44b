/**
 * The read-paths lab: the ticket queue needs each customer's name and plan, which Customers owns. Six
 * ways to read them run on one workload, a switch apart: a call per ticket, the same call through a
 * middle service (Support profiles) that calls Customers in turn, replicated columns, a cache with TTL or
 * with event invalidation, and a join in a shared database.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { cache } from './cache.ts';
import { customers } from './customers.ts';
import { desk } from './desk.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures, VARIANT_LABEL } from './measures.ts';
import type { ReadPaths, Variant } from './messages.ts';
import { profiles } from './profiles.ts';
import type { Apply } from './replication.ts';
import { tickets } from './tickets.ts';

const VARIANTS: readonly Variant[] = ['call', 'chain', 'copy', 'cache-ttl', 'cache-events', 'shared'];

/** `apply` and `cacheInvalidation` switch on the broken variants the property tests must catch. */
export function readPathsLab(options: { apply?: Apply; cacheInvalidation?: boolean } = {}): LabDefinition {
  return defineLab<ReadPaths>({
    id: 'read-paths',
    title: 'Call, copy or cache: reading another service’s data',
    services: { desk, tickets: tickets(options.apply), profiles, customers, cache: cache(options.cacheInvalidation) },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'open-queue', label: 'Open the queue', service: 'desk', message: { type: 'open-queue' } },
      ...VARIANTS.map((variant) => ({
        id: `use-${variant}`,
        label: `Read path: ${VARIANT_LABEL[variant]}`,
        service: 'tickets' as const,
        message: { type: 'use-variant' as const, variant },
      })),
      {
        id: 'rename-c1',
        label: 'Customer c1 changes their name',
        service: 'customers',
        message: { type: 'update-customer', customerId: 'c1', change: 'rename' },
      },
      {
        id: 'plan-c2',
        label: 'Customer c2 changes plan',
        service: 'customers',
        message: { type: 'update-customer', customerId: 'c2', change: 'plan' },
      },
      { id: 'run-workload', label: 'Run the workload', service: 'desk', message: { type: 'run-workload' } },
      { id: 'migrate-schema', label: 'Customers renames plan to tier', service: 'customers', message: { type: 'migrate-schema' } },
    ],
    exercises,
  });
}

export default readPathsLab();
