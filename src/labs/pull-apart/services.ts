/**
 * The application services that share the monolith, and the real queries each one sends. Every request has
 * the SQL the service ran against the monolith (`monolith`), with table names in braces that the runner
 * resolves to wherever the table lives now, and the code the service runs once it has a role of its own
 * (`split`): only its own schema, plus calls to other services or a replicated column for what it lost.
 */
import type { DomainId } from '../ticket-system/index.ts';

export type AppService = 'ticket' | 'customer' | 'survey' | 'billing';
export const APP_SERVICES: readonly AppService[] = ['ticket', 'customer', 'survey', 'billing'];

export function isAppService(name: string): name is AppService {
  return (APP_SERVICES as readonly string[]).includes(name);
}

export interface ApiCall {
  readonly service: AppService;
  readonly request: string;
}

export interface SplitCode {
  /** Fully qualified: the service's new code names its own schema. */
  readonly sql: string;
  readonly calls?: readonly ApiCall[];
  /** What took the place of the cross-domain part of the monolith query, in the reader's terms. */
  readonly replaces?: string;
}

export interface ServiceRequest {
  readonly id: string;
  readonly label: string;
  /** Served to other services (an API), rather than sent by the support desk. */
  readonly api: boolean;
  readonly monolith: string;
  readonly split: SplitCode;
}

export interface AppServiceSpec {
  readonly name: AppService;
  readonly label: string;
  /** The domain (and so the schema) the service owns. */
  readonly domain: DomainId;
  readonly requests: readonly ServiceRequest[];
}

export function roleOf(service: AppService): string {
  return `${service}_service`;
}

export const appServices: readonly AppServiceSpec[] = [
  {
    name: 'ticket',
    label: 'Ticket service',
    domain: 'ticketing',
    requests: [
      {
        id: 'open-queue',
        label: 'Open tickets with the customer’s name',
        api: false,
        monolith:
          "SELECT t.id, t.priority, c.name AS customer FROM {tickets} t JOIN {customers} c ON c.id = t.customer_id WHERE t.status <> 'closed' ORDER BY t.id",
        split: {
          sql: "SELECT id, priority, customer_name AS customer FROM ticketing.tickets WHERE status <> 'closed' ORDER BY id",
          replaces: 'replicated column ticketing.tickets.customer_name (a copy of customer.customers.name)',
        },
      },
      {
        id: 'ticket-descriptions',
        label: 'API: ticket descriptions',
        api: true,
        monolith: 'SELECT id, description, status FROM {tickets} ORDER BY id',
        split: { sql: 'SELECT id, description, status FROM ticketing.tickets ORDER BY id' },
      },
    ],
  },
  {
    name: 'customer',
    label: 'Customer service',
    domain: 'customer',
    requests: [
      {
        id: 'support-summary',
        label: 'Customers with their open tickets',
        api: false,
        monolith: 'SELECT customer_id, name, open_tickets FROM {customer_ticket_summary} ORDER BY customer_id',
        split: {
          sql: 'SELECT id AS customer_id, name, open_tickets FROM customer.customers ORDER BY id',
          replaces: 'the column customer.customers.open_tickets, which Customer keeps itself instead of a view over tickets',
        },
      },
      {
        id: 'customer-names',
        label: 'API: customer names',
        api: true,
        monolith: 'SELECT id, name, email FROM {customers} ORDER BY id',
        split: { sql: 'SELECT id, name, email FROM customer.customers ORDER BY id' },
      },
    ],
  },
  {
    name: 'survey',
    label: 'Survey service',
    domain: 'survey',
    requests: [
      {
        id: 'recent-feedback',
        label: 'Survey scores with the ticket they rate',
        api: false,
        monolith: 'SELECT s.id, s.score, t.description FROM {surveys} s JOIN {tickets} t ON t.id = s.ticket_id ORDER BY s.id',
        split: {
          sql: 'SELECT id, ticket_id, score FROM survey.surveys ORDER BY id',
          calls: [{ service: 'ticket', request: 'ticket-descriptions' }],
          replaces: 'a call to the Ticket service (ticket-descriptions)',
        },
      },
    ],
  },
  {
    name: 'billing',
    label: 'Billing service',
    domain: 'billing',
    requests: [
      {
        id: 'unpaid-invoices',
        label: 'Unpaid invoices with the customer’s name',
        api: false,
        monolith:
          'SELECT i.id, i.amount, c.name, c.email FROM {invoices} i JOIN {customers} c ON c.id = i.customer_id WHERE NOT i.paid ORDER BY i.id',
        split: {
          sql: 'SELECT id, customer_id, amount FROM billing.invoices WHERE NOT paid ORDER BY id',
          calls: [{ service: 'customer', request: 'customer-names' }],
          replaces: 'a call to the Customer service (customer-names)',
        },
      },
    ],
  },
];

export function appService(name: string): AppServiceSpec {
  const spec = appServices.find((s) => s.name === name);
  if (!spec) throw new Error(`no application service ${name}`);
  return spec;
}

export function requestOf(service: AppService, id: string): ServiceRequest {
  const request = appService(service).requests.find((r) => r.id === id);
  if (!request) throw new Error(`no request ${id} on ${service}`);
  return request;
}
