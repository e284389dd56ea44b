/** The figures that set the pressure. Virtual milliseconds; connection counts are the lab's own bookkeeping. */
import type { AppService } from '../ticket-system/queries.ts';

/** Connections each instance's pool may open to one database. */
export const POOL_SIZE = 4;
/** `max_connections` of the shared database: exactly one instance of each service with a full pool. */
export const SHARED_MAX_CONNECTIONS = 12;
/** `max_connections` of each domain's database: two instances of its one service. */
export const DOMAIN_MAX_CONNECTIONS = 8;
/** Requests each service receives in one burst, spread over its instances. */
export const BURST_SIZE = 8;
/** How long a query holds its connection. */
export const QUERY_MS = 40;
/** A request with no answer from the database by then fails. */
export const REQUEST_TIMEOUT_MS = 1000;

/** Each service logs in to a database as its own role, so per-role limits (`CONNECTION LIMIT`) apply to it. */
export function roleOf(service: AppService): string {
  return `${service}_app`;
}

/** The one query each service runs per request in this lab (from the services' query list). */
export const REQUEST_QUERY: Readonly<Record<AppService, string>> = {
  ticket: 'open-tickets',
  billing: 'unpaid-invoices',
  reporting: 'support-summary',
};
