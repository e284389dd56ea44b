/**
 * The SQL each application service sends on every request, exactly as it runs. In the labs that use them
 * (schema-blast-radius, connection-pressure) the three services have no database of their own: in the shared
 * layout they send these statements to the monolith, in the split layout to the database their domain lives
 * in. The chapter lists them from here, and the labs run them for real.
 */

export type AppService = 'ticket' | 'billing' | 'reporting';

export const APP_SERVICES: readonly AppService[] = ['ticket', 'billing', 'reporting'];

export const APP_LABELS: Readonly<Record<AppService, string>> = {
  ticket: 'Ticket',
  billing: 'Billing',
  reporting: 'Reporting',
};

export interface ServiceQuery {
  readonly id: string;
  readonly service: AppService;
  /** What the request is for, in a user's words. */
  readonly purpose: string;
  readonly sql: string;
  /** Writes are probed inside a transaction that is rolled back, so checking them changes nothing. */
  readonly writes: boolean;
}

export const QUERIES: readonly ServiceQuery[] = [
  {
    id: 'open-tickets',
    service: 'ticket',
    purpose: 'A customer opens their ticket list',
    writes: false,
    sql: `SELECT t.id, t.description, t.priority, t.status, e.name AS expert
FROM tickets t LEFT JOIN experts e ON e.id = t.expert_id
WHERE t.customer_id = 1 AND t.status <> 'closed'
ORDER BY t.id`,
  },
  {
    id: 'create-ticket',
    service: 'ticket',
    purpose: 'A customer reports a new problem',
    writes: true,
    sql: `INSERT INTO tickets (id, customer_id, description, priority)
SELECT max(id) + 1, 2, 'Monitor flickers', 'normal' FROM tickets
RETURNING id`,
  },
  {
    id: 'expert-schedule',
    service: 'ticket',
    purpose: 'An expert looks at their visits',
    writes: false,
    sql: `SELECT a.ticket_id, a.scheduled_for, t.priority
FROM assignments a JOIN tickets t ON t.id = a.ticket_id
WHERE a.expert_id = 3
ORDER BY a.scheduled_for`,
  },
  {
    id: 'unpaid-invoices',
    service: 'billing',
    purpose: 'Billing sends payment reminders',
    writes: false,
    sql: `SELECT i.id, c.name, c.email, i.period, i.amount
FROM invoices i JOIN customers c ON c.id = i.customer_id
WHERE NOT i.paid
ORDER BY i.id`,
  },
  {
    id: 'issue-invoice',
    service: 'billing',
    purpose: 'Billing invoices a customer for the month',
    writes: true,
    sql: `INSERT INTO invoices (id, customer_id, period, amount)
SELECT max(id) + 1, 3, '2026-02', 49.00 FROM invoices
RETURNING id`,
  },
  {
    id: 'support-summary',
    service: 'reporting',
    purpose: 'Support staff open the customer overview',
    writes: false,
    sql: `SELECT customer_id, name, city, open_tickets
FROM customer_ticket_summary
ORDER BY open_tickets DESC, customer_id`,
  },
  {
    id: 'expert-scores',
    service: 'reporting',
    purpose: 'Managers compare survey scores per expert',
    writes: false,
    sql: `SELECT e.name, round(avg(s.score), 1) AS average_score, count(*) AS surveys
FROM surveys s JOIN tickets t ON t.id = s.ticket_id JOIN experts e ON e.id = t.expert_id
GROUP BY e.name
ORDER BY e.name`,
  },
  {
    id: 'revenue-by-city',
    service: 'reporting',
    purpose: 'Finance reads paid revenue per city',
    writes: false,
    sql: `SELECT z.city, sum(i.amount) AS paid
FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN zip_codes z ON z.zip = c.zip
WHERE i.paid
GROUP BY z.city
ORDER BY z.city`,
  },
];

export function isAppService(name: string): name is AppService {
  return APP_SERVICES.some((service) => service === name);
}

export function queriesOf(service: AppService): ServiceQuery[] {
  return QUERIES.filter((q) => q.service === service);
}

export function queryById(id: string): ServiceQuery {
  const query = QUERIES.find((q) => q.id === id);
  if (!query) throw new Error(`no query ${id}`);
  return query;
}
