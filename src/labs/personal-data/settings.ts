/** The lab's people, roles, clocks and copies in one place, so the chapter, the checks and the tests quote the same. */
import type { CopyName } from './messages.ts';

export const REGIONS = ['eu', 'us'] as const;
export type Region = (typeof REGIONS)[number];

/** How many customers the workload signs up, one every `SIGN_UP_GAP_MS`, and when the nightly backup runs. */
export const CUSTOMERS = 6;
export const SIGN_UP_GAP_MS = 80;
export const BACKUP_AT_MS = 700;

export const FIRST_NAMES = ['ada', 'bo', 'chidi', 'dana', 'eli', 'femi', 'gus', 'hana'] as const;
export const LAST_NAMES = ['kim', 'lund', 'moreau', 'novak', 'okafor', 'perez'] as const;

/** An erasure's owner asks again for what is unconfirmed, doubling from this up to the cap. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 8_000;
/** How much later analytics hears from the customer service with the "slow" fault on. */
export const SLOW_DELAY_MS = 3_000;

/** The support roles, each meant to see its own region's customers only. */
export const SUPPORT_ROLES: Readonly<Record<string, Region>> = { support_eu: 'eu', support_us: 'us' };
export const ROLES = ['support_eu', 'support_us', 'reporting'] as const;
export type Role = (typeof ROLES)[number];

/** The customer table's columns that a probe tries one by one. */
export const CUSTOMER_COLUMNS = ['id', 'name', 'email', 'phone', 'region', 'signed_up_at'] as const;
/** The masking view's columns (the reader writes the view in an exercise). */
export const MASKED_VIEW = 'customers_masked';
export const MASKED_COLUMNS = ['id', 'region', 'email', 'phone', 'signed_up_at'] as const;

/**
 * What each role may read: the policy the grants are meant to implement, and what the probes are checked
 * against. Support works tickets and needs contact details; reporting counts customers and needs none in clear.
 */
export const MAY_READ: Readonly<Record<Role, Readonly<Record<string, readonly string[]>>>> = {
  support_eu: { customers: ['id', 'name', 'email', 'phone', 'region'] },
  support_us: { customers: ['id', 'name', 'email', 'phone', 'region'] },
  reporting: { [MASKED_VIEW]: MASKED_COLUMNS },
};

/** Where each copy lives: its service and table. */
export const COPY_TABLE: Readonly<Record<CopyName, { readonly service: string; readonly table: string }>> = {
  source: { service: 'customers', table: 'customers' },
  'event-log': { service: 'customers', table: 'customer_events' },
  backup: { service: 'customers', table: 'customer_backups' },
  orders: { service: 'orders', table: 'customer_contacts' },
  analytics: { service: 'analytics', table: 'customer_dim' },
  'campaign-export': { service: 'analytics', table: 'campaign_audience' },
};

export function copyOf(service: string, table: string): CopyName | undefined {
  return (Object.keys(COPY_TABLE) as CopyName[]).find((c) => COPY_TABLE[c].service === service && COPY_TABLE[c].table === table);
}
