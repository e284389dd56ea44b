/** Terms introduced by the chapter "API composition versus a read model". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'api-composition',
    term: 'API composition',
    definition:
      'Answering a query that spans several services by calling each of them at request time and joining their answers in the caller’s memory. Every answer is as fresh as the services, and as slow and as available as the slowest and least available of them.',
    seeAlso: ['api-gateway', 'interservice-call', 'read-model'],
  },
  {
    slug: 'api-gateway',
    term: 'API gateway',
    definition:
      'A service in front of the others that takes every client request, routes it, and often composes one response from several services’ answers. It is where timeouts, retries and circuit breakers for those calls usually live.',
    seeAlso: ['api-composition', 'backend-for-frontend'],
  },
  {
    slug: 'backend-for-frontend',
    term: 'Backend for frontend (BFF)',
    definition:
      'A composer owned by one client team and shaped for one client, such as the mobile app or the web shop, rather than one gateway shared by all. Each can choose its own calls, joins and fallbacks.',
    seeAlso: ['api-gateway', 'api-composition'],
  },
  {
    slug: 'fan-out',
    term: 'Fan-out (of a request)',
    definition:
      'One incoming request turning into several outgoing calls, made in parallel where they do not depend on each other. Its latency is set by the slowest call, and the chance that one call fails grows with their number.',
    seeAlso: ['api-composition'],
  },
  {
    slug: 'partial-response',
    term: 'Partial response (fallback)',
    definition:
      'An answer that leaves out a part whose source failed, and says so, instead of failing whole. A fallback decides per part what to do on failure: fail the request, omit the part, or show a stated default.',
    seeAlso: ['circuit-breaker', 'api-composition'],
  },
  {
    slug: 'circuit-breaker',
    term: 'Circuit breaker',
    definition:
      'A guard around calls to one service that counts failures and, past a threshold, opens: calls then fail at once without reaching the service. After a cool-down it is half-open and lets one trial call through, which closes it again or reopens it.',
    seeAlso: ['partial-response', 'fan-out'],
  },
];
