/**
 * The months the workload can run. Each is a small story about who touched which table, and each declares
 * the writers it expects per table. The declared writers are never used to judge a reader: tests compare
 * them with what the write log recorded, so a story and the workload that tells it cannot drift apart.
 */

/** The monolith's tables, in the order the chapter lists them. */
export const TABLES = ['zip_codes', 'customers', 'experts', 'tickets', 'assignments', 'surveys', 'invoices'] as const;
export type TableName = (typeof TABLES)[number];

/** What the workload does this month beyond the ordinary. */
export interface Knobs {
  /** Location loads the postal service's update: one new zip code. */
  readonly zipUpdate: boolean;
  /** One new customer signs up from a town that is not on file yet, so Customer inserts its zip code. */
  readonly newTownSignUp: boolean;
  /** Expert hires someone and retrains someone. */
  readonly hiring: boolean;
  /** The new hire lives in a town not on file yet, so Expert inserts its zip code. */
  readonly newTownHire: boolean;
  readonly billingFixesEmails: boolean;
  readonly reportingPurgesQaSurveys: boolean;
  readonly counterPayments: boolean;
  readonly ticketCancelsDuplicates: boolean;
  readonly billingLowersPriority: boolean;
}

export interface Variant {
  readonly id: string;
  /** One sentence shown in the timeline when the month starts. */
  readonly story: string;
  readonly knobs: Knobs;
  /** The services this month's workload writes each table with, triggers included. */
  readonly writers: Readonly<Record<TableName, readonly string[]>>;
}

const ORDINARY_KNOBS: Knobs = {
  zipUpdate: true,
  newTownSignUp: true,
  hiring: true,
  newTownHire: true,
  billingFixesEmails: false,
  reportingPurgesQaSurveys: false,
  counterPayments: false,
  ticketCancelsDuplicates: false,
  billingLowersPriority: false,
};

/**
 * An ordinary month. Customers has a second writer nobody planned: the monolith's trigger
 * `tickets_count_open` updates `customers.open_tickets` inside Ticket's own statements.
 */
const ORDINARY_WRITERS: Record<TableName, readonly string[]> = {
  zip_codes: ['customer', 'expert', 'location'],
  customers: ['customer', 'ticket'],
  experts: ['expert'],
  tickets: ['assignment', 'ticket'],
  assignments: ['assignment'],
  surveys: ['survey'],
  invoices: ['billing'],
};

function variant(id: string, story: string, knobs: Partial<Knobs>, writers: Partial<Record<TableName, readonly string[]>>): Variant {
  return { id, story, knobs: { ...ORDINARY_KNOBS, ...knobs }, writers: { ...ORDINARY_WRITERS, ...writers } };
}

/**
 * The seed picks one of these with the month's first draw, by position. The order is arbitrary except that
 * the page's default seed (42) lands on the ordinary month, the one the chapter walks through.
 */
export const VARIANTS: readonly Variant[] = [
  variant(
    'billing-fixes-emails',
    'Invoices bounced, so Billing corrects customer email addresses itself.',
    { billingFixesEmails: true },
    { customers: ['billing', 'customer', 'ticket'] },
  ),
  variant(
    'reporting-purges-qa',
    'Reporting deletes the QA team’s test surveys before it averages the scores.',
    { reportingPurgesQaSurveys: true },
    { surveys: ['reporting', 'survey'] },
  ),
  variant(
    'counter-payments',
    'Customers paid at the service desk, and Customer marks those invoices paid.',
    { counterPayments: true },
    { invoices: ['billing', 'customer'] },
  ),
  variant(
    'ticket-cancels-duplicates',
    'Ticket cancels a duplicate ticket and deletes the visit Assignment had scheduled for it.',
    { ticketCancelsDuplicates: true },
    { assignments: ['assignment', 'ticket'] },
  ),
  variant('ordinary', 'An ordinary month.', {}, {}),
  variant(
    'hiring-freeze',
    'A hiring freeze, and new customers only from towns already on file: only the postal update touches zip codes.',
    { hiring: false, newTownHire: false, newTownSignUp: false },
    { experts: [], zip_codes: ['location'] },
  ),
  variant(
    'quiet-reference',
    'The postal update is late, and every newcomer lives in a town already on file.',
    { zipUpdate: false, newTownSignUp: false, newTownHire: false },
    { zip_codes: [] },
  ),
  variant(
    'billing-lowers-priority',
    'Billing lowers the priority of tickets from customers with unpaid invoices.',
    { billingLowersPriority: true },
    { tickets: ['assignment', 'billing', 'ticket'] },
  ),
];

export function pickVariant(draw: number): Variant {
  const picked = VARIANTS[Math.min(VARIANTS.length - 1, Math.floor(draw * VARIANTS.length))];
  if (!picked) throw new Error('no variants');
  return picked;
}

export function variantByStory(text: string): Variant | undefined {
  return VARIANTS.find((v) => text.endsWith(v.story));
}
