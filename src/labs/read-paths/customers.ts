/**
 * The Customers service: the owner of every customer's name, plan and email. It answers calls for one
 * customer, hands out its change events to consumers that ask for those after a position, and, in the
 * shared-domain variant, is also the database the ticket service connects to as role ticket_service.
 *
 * Its API has one worker: requests queue and take OWNER_SERVICE_MS each (more with the "owner slow"
 * fault), so that the load the read paths put on it turns into waiting, as on a real service.
 */
import type { Cell } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import customersSql from './customers.sql?raw';
import type { ChangeEvent, FetchChanges, GetCustomer, ReadPaths, UpdateCustomer } from './messages.ts';
import { OWNER_SERVICE_MS, OWNER_SLOW_SERVICE_MS, REPLICATION_INTERVAL_MS } from './settings.ts';

type Request = GetCustomer | FetchChanges;

interface CustomersState {
  /** The API's queue, served one at a time. */
  readonly queue: Request[];
  busy: boolean;
  /** The column that holds the plan: the owner renames it in its schema change, and its own code follows. */
  planColumn: 'plan' | 'tier';
  /** The replicator was last told "nothing new", so it sleeps until woken. */
  replicatorCaughtUp: boolean;
  /** A commit since the replicator's last fetch that it was told of, and a timer that tells it again until it fetches. */
  wakePending: boolean;
  waking: boolean;
}

type Ctx = LabContext<ReadPaths, 'customers', CustomersState>;

const SURNAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Silva', 'Horvat'];

export function changeEventOf(row: Record<string, Cell>): ChangeEvent {
  return {
    position: Number(row['position']),
    customerId: String(row['customer_id']),
    version: Number(row['version']),
    name: String(row['name']),
    plan: String(row['plan']),
  };
}

/** Change events after `after`, as consumers receive them. */
export function changeEventsSql(after: number, limit: number): string {
  return `SELECT position, customer_id, version, name, plan FROM crm.change_events WHERE position > ${sqlInt(after)} ORDER BY position LIMIT ${sqlInt(limit)}`;
}

/**
 * With the "Customers unreachable" fault on, no request from another service gets through, whoever sends it
 * (the ticket service, or Support profiles in the chain), and nothing goes back; its own customers' edits
 * still commit. Requests queued when it went away are lost with it.
 */
const unreachable = (ctx: Ctx) => ctx.isFaultOn('owner-down');

function enqueue(ctx: Ctx, request: Request) {
  if (unreachable(ctx)) return;
  ctx.fact({ kind: 'owner-request', request: request.type === 'get-customer' ? 'call' : 'fetch' });
  ctx.state.queue.push(request);
  if (ctx.state.busy) return;
  ctx.state.busy = true;
  ctx.setTimer(serviceTime(ctx), { type: 'serve' });
}

const serviceTime = (ctx: Ctx) => (ctx.isFaultOn('owner-slow') ? OWNER_SLOW_SERVICE_MS : OWNER_SERVICE_MS);

async function getCustomer(ctx: Ctx, m: GetCustomer) {
  const [row] = rowsOf(
    await ctx.sql(`SELECT id, name, ${ctx.state.planColumn} AS plan, version FROM crm.customers WHERE id = ${sqlText(m.customerId)}`),
  );
  const value = row
    ? { customerId: String(row['id']), name: String(row['name']), plan: String(row['plan']), version: Number(row['version']) }
    : null;
  ctx.send(m.replyTo, { type: 'customer', callId: m.callId, value });
}

async function fetchChanges(ctx: Ctx, m: FetchChanges) {
  const events = rowsOf(await ctx.sql(changeEventsSql(m.after, m.limit))).map(changeEventOf);
  ctx.state.replicatorCaughtUp = events.length === 0;
  ctx.state.wakePending = false;
  const holds = events.length === 0 ? 'nothing new' : `positions ${events[0]?.position ?? ''}–${events.at(-1)?.position ?? ''}`;
  ctx.send('tickets', { type: 'changes', holds, fetchId: m.fetchId, after: m.after, events });
}

/** A request whose caller said when it stops waiting, and whose turn comes after that: serving it would be wasted. */
const expired = (ctx: Ctx, r: Request | undefined) => r?.type === 'get-customer' && r.deadline !== undefined && ctx.now >= r.deadline;

async function serve(ctx: Ctx) {
  if (unreachable(ctx)) ctx.state.queue.length = 0;
  const request = ctx.state.queue.shift();
  if (request?.type === 'get-customer') await getCustomer(ctx, request);
  else if (request) await fetchChanges(ctx, request);
  // The worker starts on the next request only if somebody still waits for it.
  while (expired(ctx, ctx.state.queue[0])) ctx.state.queue.shift();
  if (ctx.state.queue.length > 0) ctx.setTimer(serviceTime(ctx), { type: 'serve' });
  else ctx.state.busy = false;
}

/** A rename or a plan change, and its change event, in one local transaction. */
async function update(ctx: Ctx, m: UpdateCustomer) {
  const plan = ctx.state.planColumn;
  const set =
    m.change === 'rename'
      ? `name = split_part(name, ' ', 1) || ' ' || (ARRAY[${SURNAMES.map(sqlText).join(', ')}])[1 + version % ${SURNAMES.length}]`
      : `${plan} = CASE ${plan} WHEN 'free' THEN 'pro' WHEN 'pro' THEN 'enterprise' ELSE 'free' END`;
  const result = await ctx.sql(
    transaction([
      `UPDATE crm.customers SET ${set}, version = version + 1, updated_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(m.customerId)}`,
      `INSERT INTO crm.change_events (customer_id, version, name, plan, committed_at)
SELECT id, version, name, ${plan}, ${sqlInt(ctx.now)} FROM crm.customers WHERE id = ${sqlText(m.customerId)}
RETURNING position, version, name, plan`,
    ]),
  );
  if (!result.ok) return;
  const row = rowsOf({ ...result, results: result.results.slice(-2, -1) })[0];
  if (!row) return;
  const version = Number(row['version']);
  ctx.fact({ kind: 'changed', customerId: m.customerId, version, position: Number(row['position']) });
  ctx.note(`${m.customerId} is now ${String(row['name'])}, ${String(row['plan'])} (v${version})`);
  wakeReplicator(ctx);
}

/** Tells a replicator that sleeps that there is something new, again and again until it fetches (a wake-up can be lost). */
function wakeReplicator(ctx: Ctx) {
  if (!ctx.state.replicatorCaughtUp) return;
  ctx.state.wakePending = true;
  if (!unreachable(ctx)) ctx.send('tickets', { type: 'changes-available' });
  if (!ctx.state.waking) {
    ctx.state.waking = true;
    ctx.setTimer(REPLICATION_INTERVAL_MS * 2, { type: 'rewake' }, { retry: true });
  }
}

export const customers: ServiceSpec<ReadPaths, 'customers', CustomersState> = {
  label: 'Customers (Postgres)',
  role: 'Owns every customer’s name, plan and email; answers calls and hands out its change events',
  database: { kind: 'postgres', setupSql: customersSql },
  tables: [
    { title: 'crm.customers', sql: 'SELECT * FROM crm.customers ORDER BY id' },
    {
      title: 'crm.change_events (newest first)',
      sql: 'SELECT position AS pos, customer_id, version AS v, name, plan FROM crm.change_events ORDER BY position DESC LIMIT 8',
    },
  ],
  initialState: () => ({ queue: [], busy: false, planColumn: 'plan', replicatorCaughtUp: true, wakePending: false, waking: false }),
  async recover(ctx) {
    const [row] = rowsOf(
      await ctx.sql("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'crm' AND column_name = 'tier'"),
    );
    if (Number(row?.['n']) > 0) ctx.state.planColumn = 'tier';
  },
  on: {
    'get-customer': enqueue,
    'fetch-changes': enqueue,
    serve,
    'update-customer': update,
    rewake(ctx) {
      ctx.state.waking = false;
      if (ctx.state.wakePending) wakeReplicator(ctx);
    },
    /** The ticket service's own SQL, run as its role: Postgres, not this code, decides what it may read. */
    async 'shared-query'(ctx, m) {
      if (unreachable(ctx)) return;
      ctx.fact({ kind: 'owner-request', request: 'shared' });
      const result = await ctx.sql(`BEGIN;\nSET LOCAL ROLE ticket_service;\n${m.sql};\nCOMMIT;`);
      if (!result.ok) {
        await ctx.sql('ROLLBACK');
        ctx.send('tickets', { type: 'shared-rows', readId: m.readId, rows: [], error: `${result.error.code}: ${result.error.message}` });
        return;
      }
      const rows = rowsOf({ ...result, results: result.results.slice(-2, -1) }).map((r) => ({
        customerId: String(r['customer_id']),
        name: String(r['name']),
        plan: String(r['plan']),
        version: Number(r['version']),
      }));
      ctx.send('tickets', { type: 'shared-rows', readId: m.readId, rows });
    },
    /** The owner's own release: it renames a column and changes its own code with it. Its API and events keep their shape. */
    async 'migrate-schema'(ctx) {
      if (ctx.state.planColumn === 'tier') return;
      const result = await ctx.sql('ALTER TABLE crm.customers RENAME COLUMN plan TO tier');
      if (!result.ok) return;
      ctx.state.planColumn = 'tier';
      ctx.fact({ kind: 'schema-changed', column: 'tier' });
      ctx.note('renamed crm.customers.plan to tier; its API and its change events still say "plan"');
    },
  },
};
