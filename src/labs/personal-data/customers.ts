/**
 * The customer service (Postgres): signs customers up, keeps the event log and the nightly backup, and owns
 * every erasure. An erasure deletes the customer here, tries to scrub the immutable copies (and is refused),
 * then asks each service in the data catalog to erase its copy and the key service to destroy the key, and
 * asks again until each has confirmed.
 */
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import customersSql from './customers.sql?raw';
import { SCHEMES, type Contact, type EraseNext, type Erased, type PersonalData, type Sealed, type SignUp } from './messages.ts';
import { probeAll } from './probe.ts';
import { BACKUP_AT_MS, CUSTOMERS, FIRST_NAMES, LAST_NAMES, REGIONS, RETRY_BASE_MS, RETRY_CAP_MS, SIGN_UP_GAP_MS } from './settings.ts';

/** `catalog` sends erasures where the data catalog says; `hard-coded` keeps an old list that misses a copy. */
export type FanOut = 'catalog' | 'hard-coded';
const HARD_CODED: readonly string[] = ['analytics'];

type Ctx = LabContext<PersonalData, 'customers', Record<string, never>>;

const pick = <T>(ctx: Ctx, list: readonly T[]): T => list[Math.floor(ctx.random() * list.length)] as T;

/** A new customer with seeded details: who signs up, and in which region, differs from seed to seed. */
async function signUp(ctx: Ctx, _m: SignUp) {
  const [next] = rowsOf(await ctx.sql("SELECT nextval('customer_no')::int AS n"));
  const n = Number(next?.['n']);
  const id = `C-${n}`;
  const first = pick(ctx, FIRST_NAMES);
  const last = pick(ctx, LAST_NAMES);
  const region = pick(ctx, REGIONS);
  const email = `${first}.${last}${n}@example.${region === 'eu' ? 'eu' : 'com'}`;
  const phone = `+${region === 'eu' ? '49' : '1'} 555 ${String(1000 + Math.floor(ctx.random() * 9000))}`;
  const name = `${first[0]?.toUpperCase() ?? ''}${first.slice(1)} ${last[0]?.toUpperCase() ?? ''}${last.slice(1)}`;
  const result = await ctx.sql(
    `INSERT INTO customers (id, name, email, phone, region, signed_up_at) VALUES (${[id, name, email, phone, region].map(sqlText).join(', ')}, ${sqlInt(ctx.now)})`,
  );
  if (!result.ok) return;
  for (const scheme of SCHEMES) ctx.fact({ kind: 'copy', customerId: id, copy: 'source', scheme, holds: true });
  ctx.send('keys', { type: 'seal', customerId: id, clear: { email, phone } });
}

/** The key service sealed the details: log the signup in both forms, and announce it to every copy. */
async function sealed(ctx: Ctx, m: Sealed) {
  const [row] = rowsOf(await ctx.sql(`SELECT email, phone, region FROM customers WHERE id = ${sqlText(m.customerId)}`));
  if (!row) return ctx.note(`${m.customerId} is gone already: nothing to announce`);
  const clear: Contact = { email: String(row['email']), phone: String(row['phone']) };
  const payload = (c: Contact) => sqlText(JSON.stringify({ email: c.email, phone: c.phone, region: row['region'] }));
  const logged = await ctx.sql(
    transaction([
      `UPDATE customers SET email_sealed = ${sqlText(m.sealed.email)}, phone_sealed = ${sqlText(m.sealed.phone)} WHERE id = ${sqlText(m.customerId)}`,
      `INSERT INTO customer_events (customer_id, scheme, type, payload, at) VALUES
  (${sqlText(m.customerId)}, 'clear', 'customer-registered', ${payload(clear)}, ${sqlInt(ctx.now)}),
  (${sqlText(m.customerId)}, 'sealed', 'customer-registered', ${payload(m.sealed)}, ${sqlInt(ctx.now)})`,
    ]),
  );
  if (!logged.ok) return;
  for (const scheme of SCHEMES) ctx.fact({ kind: 'copy', customerId: m.customerId, copy: 'event-log', scheme, holds: true });
  const announcement = {
    type: 'customer-registered',
    customerId: m.customerId,
    region: String(row['region']),
    clear,
    sealed: m.sealed,
  } as const;
  ctx.send('orders', announcement);
  ctx.send('analytics', announcement);
}

async function takeBackup(ctx: Ctx) {
  const result = await ctx.sql(`INSERT INTO customer_backups (taken_at, scheme, customer_id, email, phone)
SELECT ${sqlInt(ctx.now)}, 'clear', id, email, phone FROM customers
UNION ALL
SELECT ${sqlInt(ctx.now)}, 'sealed', id, email_sealed, phone_sealed FROM customers WHERE email_sealed IS NOT NULL
RETURNING customer_id, scheme`);
  for (const r of rowsOf(result))
    ctx.fact({
      kind: 'copy',
      customerId: String(r['customer_id']),
      copy: 'backup',
      scheme: r['scheme'] === 'clear' ? 'clear' : 'sealed',
      holds: true,
    });
  ctx.note(`nightly backup: ${rowsOf(result).length} rows written`);
}

/** Where erasures go: one task per service in the catalog (or the old list), and one for the key service. */
async function erasureTargets(ctx: Ctx, fanOut: FanOut): Promise<Map<string, string[]>> {
  const catalog = rowsOf(await ctx.sql('SELECT service, table_name FROM data_catalog ORDER BY service, table_name'));
  const targets = new Map<string, string[]>();
  for (const r of catalog) {
    const service = String(r['service']);
    if (fanOut === 'hard-coded' && !HARD_CODED.includes(service)) continue;
    targets.set(service, [...(targets.get(service) ?? []), String(r['table_name'])]);
  }
  return targets;
}

async function eraseNext(ctx: Ctx, _m: EraseNext, fanOut: FanOut) {
  const [next] = rowsOf(await ctx.sql('SELECT id FROM customers ORDER BY signed_up_at, id LIMIT 1'));
  if (!next) return ctx.note('no customer left to erase');
  const id = String(next['id']);
  const targets = await erasureTargets(ctx, fanOut);
  const tasks = [...targets.keys(), 'keys'];
  const result = await ctx.sql(
    transaction([
      `DELETE FROM customers WHERE id = ${sqlText(id)}`,
      `INSERT INTO erasure_requests (customer_id, requested_at) VALUES (${sqlText(id)}, ${sqlInt(ctx.now)})`,
      `INSERT INTO erasure_tasks (customer_id, task) VALUES ${tasks.map((t) => `(${sqlText(id)}, ${sqlText(t)})`).join(', ')}`,
    ]),
  );
  if (!result.ok) return;
  ctx.fact({ kind: 'erasure-requested', customerId: id });
  for (const scheme of SCHEMES) ctx.fact({ kind: 'copy', customerId: id, copy: 'source', scheme, holds: false });
  ctx.note(`${id} asked to be forgotten (GDPR Art. 17): deleted here, ${tasks.length} confirmations to collect`);
  // The log and the backup are copies too. Postgres refuses to rewrite them, as their storage would.
  for (const [copy, table] of [
    ['event-log', 'customer_events'],
    ['backup', 'customer_backups'],
  ] as const) {
    const scrub = await ctx.sql(`DELETE FROM ${table} WHERE customer_id = ${sqlText(id)}`);
    if (scrub.ok) continue;
    const error = `${scrub.error.code ?? ''}: ${scrub.error.message}`;
    ctx.fact({ kind: 'scrub-refused', customerId: id, copy, error });
    ctx.note(`tried to delete ${id} from ${table}: refused (${error})`);
  }
  await sendPending(ctx, id, targets, 0);
}

/** Sends every unconfirmed task of an erasure again, and sets the next retry while any is left. */
async function sendPending(ctx: Ctx, customerId: string, targets: Map<string, string[]>, attempt: number) {
  const pending = rowsOf(
    await ctx.sql(`UPDATE erasure_tasks SET sent = sent + 1 WHERE customer_id = ${sqlText(customerId)} AND done_at IS NULL RETURNING task`),
  ).map((r) => String(r['task']));
  if (attempt > 0 && pending.length > 0)
    ctx.note(`${customerId}: still waiting for ${pending.join(', ')}; asking again (attempt ${attempt + 1})`);
  for (const task of pending) {
    if (task === 'keys') ctx.send('keys', { type: 'destroy-key', customerId });
    else if (task === 'orders' || task === 'analytics') ctx.send(task, { type: 'erase', customerId, tables: targets.get(task) ?? [] });
  }
  // The first look is ordinary work: it usually finds every confirmation in, and the run comes to rest. Only
  // what follows a look that found something missing is marked as a retry, so the lab knows it is waiting.
  if (pending.length > 0)
    ctx.setTimer(
      backoff(ctx, attempt, RETRY_BASE_MS, RETRY_CAP_MS),
      { type: 'retry-erasure', customerId, attempt: attempt + 1 },
      { retry: attempt > 0 },
    );
}

async function retry(ctx: Ctx, customerId: string, attempt: number, fanOut: FanOut) {
  await sendPending(ctx, customerId, await erasureTargets(ctx, fanOut), attempt);
}

async function erased(ctx: Ctx, m: Erased) {
  const done = await ctx.sql(`UPDATE erasure_tasks SET done_at = ${sqlInt(ctx.now)}
WHERE customer_id = ${sqlText(m.customerId)} AND task = ${sqlText(m.task)} AND done_at IS NULL`);
  if (!done.ok) return;
  const [left] = rowsOf(
    await ctx.sql(`SELECT count(*)::int AS n FROM erasure_tasks WHERE customer_id = ${sqlText(m.customerId)} AND done_at IS NULL`),
  );
  if (Number(left?.['n']) > 0) return;
  const closed = rowsOf(
    await ctx.sql(`UPDATE erasure_requests SET completed_at = ${sqlInt(ctx.now)}
WHERE customer_id = ${sqlText(m.customerId)} AND completed_at IS NULL RETURNING customer_id`),
  );
  if (closed.length === 0) return;
  ctx.fact({ kind: 'erasure-complete', customerId: m.customerId });
  ctx.note(`erasure of ${m.customerId} confirmed by every service it was sent to`);
}

async function probe(ctx: Ctx) {
  const results = await probeAll((sql) => ctx.sql(sql));
  for (const r of results)
    ctx.fact({ kind: 'probe', role: r.role, relation: r.relation, column: r.column, outcome: r.outcome, rows: r.rows, code: r.code });
  const denied = results.filter((r) => r.outcome === 'denied').length;
  ctx.note(`probed ${results.length} columns as ${new Set(results.map((r) => r.role)).size} roles: ${denied} refused with 42501`);
}

function runWorkload(ctx: Ctx) {
  for (let i = 0; i < CUSTOMERS; i++) ctx.setTimer(i * SIGN_UP_GAP_MS, { type: 'sign-up' });
  ctx.setTimer(BACKUP_AT_MS, { type: 'take-backup' });
}

export function customers(fanOut: FanOut): ServiceSpec<PersonalData, 'customers', Record<string, never>> {
  return {
    label: 'Customers (Postgres)',
    role: 'System of record for customers; owns the event log, the backup, the catalog of copies and every erasure',
    database: { kind: 'postgres', setupSql: customersSql },
    tables: [
      { title: 'customers', sql: 'SELECT id, name, email, phone, region FROM customers ORDER BY signed_up_at, id' },
      {
        title: 'erasures: confirmations collected',
        sql: `SELECT r.customer_id, r.requested_at, r.completed_at,
  string_agg(t.task || CASE WHEN t.done_at IS NULL THEN ' (waiting, sent ' || t.sent || '×)' ELSE ' ✓' END, ', ' ORDER BY t.task) AS tasks
FROM erasure_requests r JOIN erasure_tasks t USING (customer_id) GROUP BY 1, 2, 3 ORDER BY 2`,
      },
      {
        title: 'customer_events (immutable log)',
        sql: "SELECT seq, customer_id, scheme, payload->>'email' AS email FROM customer_events ORDER BY seq DESC LIMIT 8",
      },
      { title: 'data_catalog', sql: 'SELECT service, table_name, holds FROM data_catalog ORDER BY 1, 2' },
    ],
    initialState: () => ({}),
    on: {
      'run-workload': runWorkload,
      'sign-up': signUp,
      'take-backup': takeBackup,
      'erase-next': (ctx, m) => eraseNext(ctx, m, fanOut),
      'retry-erasure': (ctx, m) => retry(ctx, m.customerId, m.attempt, fanOut),
      probe,
      sealed,
      erased,
    },
  };
}
