/** The lab's clocks and sizes in one place, so the chapter, the faults and the tests quote the same figures. */

/** One run of the workload lasts this long in virtual time; pressing Run again adds another. */
export const RUN_MS = 3_000;
/** Tickets opened and invoices issued per run (a few more or fewer, drawn from the seed). */
export const TICKETS_PER_RUN = 12;
export const INVOICES_PER_RUN = 10;

/** Each domain's publishing job refreshes every product it serves this often. */
export const PUBLISH_EVERY_MS = { support: 300, billing: 400 } as const;
/** The platform reads every domain's catalog this often, and measures each product's freshness. */
export const PLATFORM_CHECK_EVERY_MS = 250;
/** Marketing runs its queries on the products this often. */
export const CONSUMER_EVERY_MS = 500;

/** The consumer's Postgres role in every domain. */
export const CONSUMER_ROLE = 'marketing';

/** Customer ids in Billing's accounts; tickets name them too. */
export const CUSTOMERS = [1, 2, 3, 4, 5, 6] as const;
export const EMAILS: Readonly<Record<number, string>> = {
  1: 'ada@example.com',
  2: 'grace@example.com',
  3: 'alan@example.org',
  4: 'edsger@example.nl',
  5: 'barbara@example.com',
  6: 'don@example.edu',
};
