/**
 * The scan a data catalog's crawler makes: look in every table of every copy for the customers' contact
 * details, as values, whatever the table or column is called. Read from the databases, not from the trace;
 * the invariants and the exercises rely on it.
 *
 * The erased customers' details are read back from the event log, which still holds them: the scan needs to
 * know what to look for, and the log is the one place nobody could delete them from.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { sqlText } from '../kit/service-sql.ts';

export const COPY_SERVICES = ['orders', 'analytics'] as const;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table and text column of a SQLite copy holding one of `values`, as `service.table`. */
export async function tablesHolding(db: Database, service: string, values: readonly string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const tables = await select(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const found: string[] = [];
  for (const t of tables) {
    const table = String(t['name']);
    const columns = await select(db, `SELECT name FROM pragma_table_info(${sqlText(table)})`);
    const list = values.map(sqlText).join(', ');
    const where = columns.map((c) => `${quote(String(c['name']))} IN (${list})`).join(' OR ');
    if (!where) continue;
    const [hit] = await select(db, `SELECT count(*) AS n FROM ${quote(table)} WHERE ${where}`);
    if (Number(hit?.['n']) > 0) found.push(`${service}.${table}`);
  }
  return found;
}

export interface KnownCustomer {
  readonly customerId: string;
  readonly email: string;
  readonly phone: string;
  readonly sealedEmail: string | undefined;
  /** Set once an erasure was asked for; `complete` once every service it went to has confirmed. */
  readonly erasure: { readonly complete: boolean } | undefined;
}

/** Everyone the customer service ever announced, with their details as the log holds them. */
export async function knownCustomers(dbs: ReadonlyMap<string, Database>): Promise<KnownCustomer[]> {
  const rows = await select(
    requireDb(dbs, 'customers'),
    `SELECT e.customer_id, e.payload->>'email' AS email, e.payload->>'phone' AS phone,
  (SELECT s.payload->>'email' FROM customer_events s WHERE s.customer_id = e.customer_id AND s.scheme = 'sealed' LIMIT 1) AS sealed_email,
  r.customer_id IS NOT NULL AS asked, r.completed_at IS NOT NULL AS complete
FROM customer_events e LEFT JOIN erasure_requests r ON r.customer_id = e.customer_id
WHERE e.scheme = 'clear' AND e.type = 'customer-registered' ORDER BY e.seq`,
  );
  return rows.map((r) => ({
    customerId: String(r['customer_id']),
    email: String(r['email']),
    phone: String(r['phone']),
    sealedEmail: r['sealed_email'] === null ? undefined : String(r['sealed_email']),
    erasure: r['asked'] === true ? { complete: r['complete'] === true } : undefined,
  }));
}

/** Where an erased customer's details can still be read: in clear in a copy or the source, or sealed with a key that still opens it. */
export async function stillReadable(dbs: ReadonlyMap<string, Database>, c: KnownCustomer): Promise<string[]> {
  const places: string[] = [];
  const [source] = await select(requireDb(dbs, 'customers'), `SELECT count(*)::int AS n FROM customers WHERE email = ${sqlText(c.email)}`);
  if (Number(source?.['n']) > 0) places.push('customers.customers');
  for (const service of COPY_SERVICES) places.push(...(await tablesHolding(requireDb(dbs, service), service, [c.email, c.phone])));
  if (c.sealedEmail !== undefined) {
    const [opened] = await select(
      requireDb(dbs, 'keys'),
      `SELECT convert_from(decrypt(decode(${sqlText(c.sealedEmail)}, 'hex'), key, 'aes'), 'UTF8') AS email FROM customer_keys WHERE customer_id = ${sqlText(c.customerId)}`,
    );
    if (opened?.['email'] === c.email) places.push('every sealed copy (keys.customer_keys still opens it)');
  }
  return places;
}

/** Tables in the copies that hold anyone's contact details and that the data catalog does not list. */
export async function undeclaredCopies(dbs: ReadonlyMap<string, Database>): Promise<string[]> {
  const customers = await knownCustomers(dbs);
  const values = customers.flatMap((c) => [c.email, c.phone, ...(c.sealedEmail === undefined ? [] : [c.sealedEmail])]);
  const declared = new Set(
    (await select(requireDb(dbs, 'customers'), 'SELECT service, table_name FROM data_catalog')).map(
      (r) => `${String(r['service'])}.${String(r['table_name'])}`,
    ),
  );
  const found: string[] = [];
  for (const service of COPY_SERVICES) found.push(...(await tablesHolding(requireDb(dbs, service), service, values)));
  return found.filter((t) => !declared.has(t));
}
