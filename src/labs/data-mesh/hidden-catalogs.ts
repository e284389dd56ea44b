/**
 * Catalogs the reader has never seen, for the policy exercise: a few more product tables in each domain, with
 * personal columns masked or not under names drawn from the seed, a personal-looking column outside any
 * product schema (which the policy does not cover), and one more personal attribute added to the platform's
 * list, so that a query with the patterns written into it misses a column.
 */
import type { DomainName } from './messages.ts';

function generator(seed: number) {
  let a = seed >>> 0;
  // mulberry32: a small seeded generator, so that the same seed gives the same catalog.
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERSONAL = ['contact_email', 'phone_number', 'backup_email', 'owner_full_name', 'billing_iban'] as const;
const PLAIN = ['region', 'plan', 'opened_day', 'seats', 'score'] as const;
const TYPES = ['text', 'varchar(80)', 'mesh.masked_text'] as const;

/** SQL that adds the seed's products to one domain's database. */
export function hiddenCatalogSql(domain: DomainName, seed: number): string {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const statements = ["INSERT INTO mesh.personal_attributes VALUES ('%iban%') ON CONFLICT DO NOTHING"];
  const tables = 2 + Math.floor(random() * 2);
  for (let t = 0; t < tables; t++) {
    const columns = new Map<string, string>([['id', 'integer']]);
    for (let c = 0; c < 3; c++) {
      const personal = random() < 0.6;
      columns.set(personal ? pick(PERSONAL) : pick(PLAIN), personal ? pick(TYPES) : pick(['text', 'integer']));
    }
    const name = `${domain}_products.hidden_${t + 1}_v1`;
    statements.push(`CREATE TABLE ${name} (${[...columns].map(([c, type]) => `${c} ${type}`).join(', ')})`);
  }
  statements.push(`CREATE TABLE ${domain}.staff_${pick(PERSONAL)} (id integer, value text)`);
  return statements.map((s) => `${s};`).join('\n');
}
