/** The three patterns side by side: which services play which part in each, as data the measures read. */
import type { ServiceOf } from '../kit/define-lab.ts';
import type { EventualConsistency } from './messages.ts';

type Service = ServiceOf<EventualConsistency>;

export type PatternId = 'sync' | 'request' | 'events';

export interface Pattern {
  readonly id: PatternId;
  readonly label: string;
  /** The service that owns the tickets. */
  readonly tickets: 'sync-shared' | 'rq-tickets' | 'ev-tickets';
  /** The service whose database holds the open-ticket counts. */
  readonly customers: 'sync-shared' | 'rq-customers' | 'ev-customers';
  /** Every service that belongs to this pattern (the help desk and the reader belong to none). */
  readonly services: readonly Service[];
}

export const DESK = 'desk';

export const PATTERNS: readonly Pattern[] = [
  {
    id: 'sync',
    label: 'Background synchronization',
    tickets: 'sync-shared',
    customers: 'sync-shared',
    services: ['sync-shared'],
  },
  {
    id: 'request',
    label: 'Orchestrated request-based',
    tickets: 'rq-tickets',
    customers: 'rq-customers',
    services: ['rq-tickets', 'rq-customers'],
  },
  {
    id: 'events',
    label: 'Event-based',
    tickets: 'ev-tickets',
    customers: 'ev-customers',
    services: ['ev-tickets', 'ev-customers', 'broker'],
  },
];

/** Whether a service named in the trace belongs to `p`. */
export function inPattern(p: Pattern, service: string): boolean {
  return p.services.some((s) => s === service);
}

export function pattern(id: PatternId): Pattern {
  const found = PATTERNS.find((p) => p.id === id);
  if (!found) throw new Error(`no pattern ${id}`);
  return found;
}
