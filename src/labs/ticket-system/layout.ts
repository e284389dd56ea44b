/**
 * The two layouts that the schema-blast-radius and connection-pressure labs compare. Shared: the three
 * services send every query to the monolith. Split: each service owns one database that holds its own
 * domains' tables, plus read-only copies of the few tables it reads from other domains (in a real system
 * those copies are fed by the owner's events; Part III shows how). Each split database is the monolith minus
 * what its service does not use, so rows and types are the same.
 */
import { domains } from './domains.ts';
import { MONOLITH_SQL } from './index.ts';
import type { AppService } from './queries.ts';

export type Layout = 'shared' | 'split';

export const SHARED_DATABASE = 'monolith';
/** The databases of the split layout, one per application service. */
export type SplitDatabaseName = 'ticket-db' | 'billing-db' | 'reporting-db';
/** Every database of both layouts, as a service name in a lab. */
export type DatabaseName = typeof SHARED_DATABASE | SplitDatabaseName;

export interface DomainDatabase {
  /** The database's service name in the lab. */
  readonly name: SplitDatabaseName;
  readonly owner: AppService;
  readonly label: string;
  /** Tables of the domains this service owns. */
  readonly owns: readonly string[];
  /** Tables of other domains it keeps a copy of, because its queries read them. */
  readonly copies: readonly string[];
  /** The cross-domain view, where the owner's reports need it. */
  readonly keepsView: boolean;
}

export const DOMAIN_DATABASES: readonly DomainDatabase[] = [
  {
    name: 'ticket-db',
    owner: 'ticket',
    label: 'Ticket database',
    owns: ['tickets', 'assignments', 'experts'],
    copies: [],
    keepsView: false,
  },
  {
    name: 'billing-db',
    owner: 'billing',
    label: 'Billing database',
    owns: ['invoices', 'customers'],
    copies: [],
    keepsView: false,
  },
  {
    name: 'reporting-db',
    owner: 'reporting',
    label: 'Reporting database',
    owns: ['surveys'],
    copies: ['tickets', 'experts', 'customers', 'zip_codes', 'invoices'],
    keepsView: true,
  },
];

export function domainDatabaseOf(service: AppService): DomainDatabase {
  const db = DOMAIN_DATABASES.find((d) => d.owner === service);
  if (!db) throw new Error(`no database for ${service}`);
  return db;
}

/** Every database of both layouts: the shared one first. */
export const DATABASES: readonly DatabaseName[] = [SHARED_DATABASE, ...DOMAIN_DATABASES.map((d) => d.name)];

/** Where a service's queries go in a layout. */
export function targetOf(service: AppService, layout: Layout): DatabaseName {
  return layout === 'shared' ? SHARED_DATABASE : domainDatabaseOf(service).name;
}

const ALL_TABLES = domains.flatMap((d) => d.tables);

/**
 * The monolith, then everything this database does not keep dropped. CASCADE drops the foreign keys that
 * pointed at a dropped table, never the tables that held them. The trigger goes everywhere: it updates
 * `customers` from `tickets`, which no split database holds together as one owner.
 */
export function domainSetupSql(db: DomainDatabase): string {
  const kept = new Set([...db.owns, ...db.copies]);
  const dropped = ALL_TABLES.filter((t) => !kept.has(t));
  return [
    MONOLITH_SQL,
    '-- What this service does not own or read leaves its database.',
    'DROP TRIGGER tickets_count_open ON tickets;',
    'DROP FUNCTION count_open_tickets();',
    ...(db.keepsView ? [] : ['DROP VIEW customer_ticket_summary;']),
    ...dropped.map((t) => `DROP TABLE ${t} CASCADE;`),
  ].join('\n');
}
