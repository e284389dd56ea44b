/**
 * The help desk's traffic, drawn from its own seeded generator: the router's settings hold the seed and the huge
 * tenant's share, so the same settings give the same tickets whatever the shard key, and a hidden run can ask
 * for another workload with one UPDATE.
 */
import { hash32 } from './placement.ts';
import { CUSTOMERS_PER_TENANT, HOME_SHARE, HOMES, QUERY_MIX, TENANTS, WORKLOAD_GAP_MS, type Home, type Tenant } from './settings.ts';

export interface Customer {
  readonly tenant: Tenant;
  readonly customer: string;
  readonly home: Home;
}

export type WorkItem =
  | { readonly kind: 'create'; readonly who: Customer; readonly title: string }
  | { readonly kind: 'customer-tickets'; readonly who: Customer }
  | { readonly kind: 'region-report'; readonly home: Home }
  | { readonly kind: 'tenant-tickets'; readonly tenant: Tenant };

/** Mulberry32: a small seeded generator, so the workload does not depend on the kernel's other draws. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A customer's home is a property of the customer, fixed by its name. */
export function homeOf(customer: string): Home {
  const point = hash32(`home:${customer}`) % 100;
  let edge = 0;
  for (const home of HOMES) {
    edge += HOME_SHARE[home];
    if (point < edge) return home;
  }
  return 'eu';
}

function pickTenant(draw: number, bigPercent: number): Tenant {
  if (draw * 100 < bigPercent) return TENANTS[0];
  const others = TENANTS.slice(1);
  const rest = (draw * 100 - bigPercent) / (100 - bigPercent);
  return others[Math.min(others.length - 1, Math.floor(rest * others.length))] ?? TENANTS[1];
}

function pickCustomer(random: () => number, bigPercent: number): Customer {
  const tenant = pickTenant(random(), bigPercent);
  const customer = `${tenant}-c${String(1 + Math.floor(random() * CUSTOMERS_PER_TENANT)).padStart(3, '0')}`;
  return { tenant, customer, home: homeOf(customer) };
}

const TITLES = ['Cannot log in', 'Invoice is wrong', 'Export times out', 'Password reset mail missing', 'Page loads slowly'];

export interface Scheduled {
  readonly afterMs: number;
  readonly item: WorkItem;
}

/** `size` requests, each with the gap before it; the same arguments always give the same list. */
export function workload(seed: number, size: number, bigPercent: number): Scheduled[] {
  const random = generator(seed);
  return Array.from({ length: size }, (): Scheduled => {
    const afterMs = WORKLOAD_GAP_MS.min + Math.floor(random() * (WORKLOAD_GAP_MS.max - WORKLOAD_GAP_MS.min));
    const roll = random() * 100;
    const who = pickCustomer(random, bigPercent);
    if (roll < QUERY_MIX.customer) return { afterMs, item: { kind: 'customer-tickets', who } };
    if (roll < QUERY_MIX.customer + QUERY_MIX.region) return { afterMs, item: { kind: 'region-report', home: who.home } };
    if (roll < QUERY_MIX.customer + QUERY_MIX.region + QUERY_MIX.tenant)
      return { afterMs, item: { kind: 'tenant-tickets', tenant: who.tenant } };
    return { afterMs, item: { kind: 'create', who, title: TITLES[Math.floor(random() * TITLES.length)] ?? 'Help' } };
  });
}
