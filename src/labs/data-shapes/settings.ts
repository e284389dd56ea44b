/** The lab's sizes and the access patterns' arguments in one place, so the chapter, the lab and the tests quote the same figures. */

/** The data set: every shape holds these customers, their tickets and the links between customers. */
// Small enough that a whole table fits in one result (the engine caps a result at 1,000 rows).
export const CUSTOMERS = 160;
export const TICKETS_PER_CUSTOMER_MAX = 8;
/** Customers of one company share an account: each account groups this many customers, give or take. */
export const ACCOUNT_SIZE = 3;
/** Escalation links drawn between customers of different accounts. */
export const ESCALATIONS = 40;

/** The access patterns' arguments. */
export const PROBE_CUSTOMER = 3;
export const PROBE_TICKET = 28;
export const HOPS = 3;
export const SEARCH_WORDS = 'password reset';
/** What an agent types when looking for tickets like the one on the phone: none of its words is in a ticket's subject. */
export const SIMILAR_TO = 'staff cannot log on via SSO';
/** How many tickets the similarity and word searches return. */
export const TOP_K = 5;

/** The product the lab renames, and the names it cycles through. */
export const RENAMED_PRODUCT = 2;
export const PRODUCT_NAMES = ['Helpdesk Cloud', 'Service Hub', 'Assist Suite', 'Care Portal'] as const;

/** A timed run repeats each pattern this often and keeps the median. */
export const TIMED_REPEATS = 5;

/** With the slow-sync fault on, a change takes this long to reach the key-value store. */
export const SLOW_SYNC_MS = 400;
