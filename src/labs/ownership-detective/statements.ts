/**
 * What each application service sends to the monolith, one statement per request. The services keep no
 * database of their own: this catalogue is the whole of their data access, and the write log records what
 * Postgres did when it ran each statement (triggers and foreign-key checks included).
 */

export type AppService = 'ticket' | 'assignment' | 'customer' | 'expert' | 'survey' | 'billing' | 'location' | 'reporting';

export const APP_SERVICES: readonly AppService[] = [
  'ticket',
  'assignment',
  'customer',
  'expert',
  'survey',
  'billing',
  'location',
  'reporting',
];

const ADD_ZIP = 'INSERT INTO zip_codes (zip, city, region) VALUES ($1, $2, $3) ON CONFLICT (zip) DO NOTHING';

export const STATEMENTS = {
  ticket: {
    'look-up-customer': 'SELECT id, name, plan FROM customers WHERE id = $1',
    'file-ticket': 'INSERT INTO tickets (id, customer_id, description, priority, created_at) VALUES ($1, $2, $3, $4, $5)',
    'close-ticket': "UPDATE tickets SET status = 'closed' WHERE id = $1",
    'drop-assignment': 'DELETE FROM assignments WHERE ticket_id = $1',
  },
  assignment: {
    'find-expert': 'SELECT e.id, e.name, z.city FROM experts e JOIN zip_codes z ON z.zip = e.zip WHERE e.skill = $1 ORDER BY e.id',
    assign: "UPDATE tickets SET expert_id = $2, status = 'assigned' WHERE id = $1",
    schedule: 'INSERT INTO assignments (ticket_id, expert_id, scheduled_for) VALUES ($1, $2, $3)',
  },
  customer: {
    'add-zip': ADD_ZIP,
    'sign-up': 'INSERT INTO customers (id, name, email, zip, plan) VALUES ($1, $2, $3, $4, $5)',
    'change-plan': 'UPDATE customers SET plan = $2 WHERE id = $1',
    'show-profile': 'SELECT c.name, c.email, z.city FROM customers c JOIN zip_codes z ON z.zip = c.zip WHERE c.id = $1',
    'record-desk-payment': 'UPDATE invoices SET paid = true WHERE id = $1',
  },
  expert: {
    'add-zip': ADD_ZIP,
    hire: 'INSERT INTO experts (id, name, skill, zip) VALUES ($1, $2, $3, $4)',
    retrain: 'UPDATE experts SET skill = $2 WHERE id = $1',
    'list-experts': 'SELECT id, name, skill FROM experts ORDER BY id',
  },
  survey: {
    'read-ticket': 'SELECT id, customer_id, status FROM tickets WHERE id = $1',
    'record-answer': 'INSERT INTO surveys (id, ticket_id, customer_id, score, comment) VALUES ($1, $2, $3, $4, $5)',
  },
  billing: {
    'read-customer': 'SELECT id, email, plan FROM customers WHERE id = $1',
    'issue-invoice': 'INSERT INTO invoices (id, customer_id, period, amount) VALUES ($1, $2, $3, $4)',
    'mark-paid': 'UPDATE invoices SET paid = true WHERE id = $1',
    'correct-email': 'UPDATE customers SET email = $2 WHERE id = $1',
    'lower-priority': "UPDATE tickets SET priority = 'low' WHERE id = $1",
  },
  location: {
    'look-up-zip': 'SELECT zip, city, region FROM zip_codes WHERE zip = $1',
    'load-postal-update': ADD_ZIP,
  },
  reporting: {
    'open-work': 'SELECT customer_id, name, city, open_tickets FROM customer_ticket_summary ORDER BY customer_id',
    'expert-load':
      'SELECT e.name, count(a.ticket_id) AS visits FROM experts e LEFT JOIN assignments a ON a.expert_id = e.id GROUP BY e.name ORDER BY e.name',
    satisfaction: 'SELECT round(avg(s.score), 2) AS score, count(*) AS answers FROM surveys s JOIN tickets t ON t.id = s.ticket_id',
    revenue:
      'SELECT period, sum(amount) AS billed, count(*) FILTER (WHERE NOT paid) AS unpaid FROM invoices GROUP BY period ORDER BY period',
    'purge-qa-surveys': "DELETE FROM surveys WHERE comment LIKE 'QA test%'",
  },
} as const satisfies Record<AppService, Record<string, string>>;

export type Operation<S extends AppService> = keyof (typeof STATEMENTS)[S] & string;

export type SqlParam = string | number;

export function isAppService(name: string): name is AppService {
  return (APP_SERVICES as readonly string[]).includes(name);
}

/** One request of the month: which service does what, with which parameters. */
export type Request = {
  [S in AppService]: { readonly service: S; readonly op: Operation<S>; readonly params: readonly SqlParam[] };
}[AppService];

/** The service's statement for `op`; the workload only asks for operations the catalogue has. */
export function statementFor(service: AppService, op: string): string {
  const byOp: Readonly<Record<string, string>> = STATEMENTS[service];
  const sql = byOp[op];
  if (sql === undefined) throw new Error(`${service} has no statement ${op}`);
  return sql;
}

export type Verb = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
const VERBS: readonly Verb[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** What kind of statement the catalogue holds for an operation: every one starts with its verb. */
export function verbOf(sql: string): Verb {
  const verb = VERBS.find((v) => sql.startsWith(`${v} `));
  if (!verb) throw new Error(`a catalogue statement must start with its verb: ${sql}`);
  return verb;
}
