/** The faults a reader can inject; the standard run uses the first and the cold cache on a schedule. */
import type { Faults } from '../kit/define-lab.ts';
import type { ReadPaths } from './messages.ts';
import { CALL_TIMEOUT_MS, MAX_ATTEMPTS, OWNER_SERVICE_MS, OWNER_SLOW_SERVICE_MS, RETRY_BASE_MS } from './settings.ts';

/** Enough to overtake a fetch's timeout, so that two answers about change events can land in either order. */
export const REORDER_JITTER_MS = 400;

export const faults: Faults<ReadPaths> = {
  'owner-down': {
    label: 'Customers unreachable',
    description:
      'No request from another service reaches Customers, and no answer comes back: no call from the ticket service or from Support profiles, no change fetch, and no query into the shared database, which lives with Customers. Customers itself keeps taking profile edits.',
    service: 'customers',
  },
  'owner-slow': {
    label: 'Customers slow',
    description: `Each request takes Customers’ one worker ${OWNER_SLOW_SERVICE_MS} ms instead of ${OWNER_SERVICE_MS} ms, as a slow query or a busy host would: requests queue, and calls start to time out after ${CALL_TIMEOUT_MS} ms.`,
    service: 'customers',
  },
  'profiles-down': {
    label: 'Support profiles unreachable',
    description:
      'Nothing from the ticket service reaches Support profiles, the middle of the chain, or comes back. Every other read path goes on as before, since none of them passes through it.',
    service: 'profiles',
    network: { kind: 'partition', between: ['tickets', 'profiles'] },
  },
  'hop-retries': {
    label: 'Every hop retries with the full timeout',
    description: `Support profiles gives its call to Customers a fresh ${CALL_TIMEOUT_MS} ms and ${MAX_ATTEMPTS} attempts of its own, instead of what is left of the caller's budget and one attempt: each attempt of the ticket service can become ${MAX_ATTEMPTS} at Customers, and answers arrive after the caller has given up.`,
    service: 'profiles',
  },
  'replication-paused': {
    label: 'Replication paused',
    description:
      'The ticket service stops fetching the owner’s change events, as when a consumer is stopped or its broker lags: the replicated columns keep what they have, and the cache hears of no change.',
    service: 'tickets',
  },
  'cache-cold': {
    label: 'Cache restarts cold',
    description:
      'The cache loses every entry once, as after a deploy or a failover, and each lookup misses until calls to Customers fill it again.',
    service: 'cache',
  },
  'retry-storm': {
    label: 'Retries without backoff or jitter',
    description: `A call that times out is sent again at once, up to ${MAX_ATTEMPTS} attempts, instead of after a growing, randomised wait from ${RETRY_BASE_MS} ms: every caller that timed out together retries together.`,
    service: 'tickets',
  },
  'reorder-changes': {
    label: 'Change batches overtake each other',
    description: `Messages between the ticket service and Customers take up to ${REORDER_JITTER_MS} ms longer, more than a fetch’s timeout: the replicator asks again, and an older batch of change events can land after a newer one.`,
    service: 'tickets',
    network: { kind: 'reorder', between: ['tickets', 'customers'], jitterMs: REORDER_JITTER_MS },
  },
};
