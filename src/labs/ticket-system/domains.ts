/**
 * The support-ticket system's tables grouped into data domains, and every relationship in the monolith that
 * ties two tables together. Chapters draw their domain maps from this data, and `domains.test.ts` checks it
 * against the real catalog of `monolith.sql`, so a diagram cannot drift from the schema it shows.
 */

export type DomainId = 'ticketing' | 'assignment' | 'customer' | 'expert' | 'survey' | 'billing' | 'reference';

export interface Domain {
  readonly id: DomainId;
  readonly label: string;
  /** The service that will own the domain once the monolith is split. */
  readonly service: string;
  readonly tables: readonly string[];
}

export type RelationshipKind = 'foreign key' | 'view' | 'trigger';

/** Something in the monolith that reads or writes two tables at once. */
export interface Relationship {
  readonly kind: RelationshipKind;
  /** The constraint, view or trigger name in the catalog. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export const domains: readonly Domain[] = [
  { id: 'ticketing', label: 'Ticketing', service: 'ticket', tables: ['tickets'] },
  { id: 'assignment', label: 'Assignment', service: 'assignment', tables: ['assignments'] },
  { id: 'customer', label: 'Customer', service: 'customer', tables: ['customers'] },
  { id: 'expert', label: 'Expert profiles', service: 'expert', tables: ['experts'] },
  { id: 'survey', label: 'Survey', service: 'survey', tables: ['surveys'] },
  { id: 'billing', label: 'Billing', service: 'billing', tables: ['invoices'] },
  { id: 'reference', label: 'Reference data', service: 'location', tables: ['zip_codes'] },
];

export const relationships: readonly Relationship[] = [
  { kind: 'foreign key', name: 'customers_zip_fkey', from: 'customers', to: 'zip_codes' },
  { kind: 'foreign key', name: 'experts_zip_fkey', from: 'experts', to: 'zip_codes' },
  { kind: 'foreign key', name: 'tickets_customer_id_fkey', from: 'tickets', to: 'customers' },
  { kind: 'foreign key', name: 'tickets_expert_id_fkey', from: 'tickets', to: 'experts' },
  { kind: 'foreign key', name: 'assignments_ticket_id_fkey', from: 'assignments', to: 'tickets' },
  { kind: 'foreign key', name: 'assignments_expert_id_fkey', from: 'assignments', to: 'experts' },
  { kind: 'foreign key', name: 'surveys_ticket_id_fkey', from: 'surveys', to: 'tickets' },
  { kind: 'foreign key', name: 'surveys_customer_id_fkey', from: 'surveys', to: 'customers' },
  { kind: 'foreign key', name: 'invoices_customer_id_fkey', from: 'invoices', to: 'customers' },
  { kind: 'view', name: 'customer_ticket_summary', from: 'customers', to: 'tickets' },
  { kind: 'view', name: 'customer_ticket_summary', from: 'customers', to: 'zip_codes' },
  { kind: 'trigger', name: 'tickets_count_open', from: 'tickets', to: 'customers' },
];

export function domainOf(table: string): Domain {
  const domain = domains.find((d) => d.tables.includes(table));
  if (!domain) throw new Error(`No domain holds table ${table}`);
  return domain;
}

/** Relationships whose two tables sit in different domains: what a split breaks. */
export function crossDomain(list: readonly Relationship[] = relationships): Relationship[] {
  return list.filter((r) => domainOf(r.from).id !== domainOf(r.to).id);
}
