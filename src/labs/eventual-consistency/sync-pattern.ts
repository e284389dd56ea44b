/**
 * Pattern 1, background synchronization. The Ticket service writes its ticket and nothing else. A sync job
 * on a timer reads every open ticket straight from the tickets schema, compares with the counts in the
 * customers schema, and writes the corrections there itself. Neither service knows the other exists; the
 * sync job knows both of their schemas.
 *
 * Both schemas live on one Postgres server (the `sync-shared` service), each behind its own role, so the
 * grants in sync-shared.sql are what lets the job in, and Postgres itself refuses anyone else.
 */
import type { QueryResult } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { customersDown } from './faults.ts';
import { recordCount, recordTicket } from './facts.ts';
import type { EventualConsistency } from './messages.ts';
import { rowsAt } from './rows.ts';
import { SYNC_IDLE_RUNS, SYNC_INTERVAL_LONG_MS, SYNC_INTERVAL_MS, SYNC_INTERVAL_SHORT_MS } from './settings.ts';
import syncSharedSql from './sync-shared.sql?raw';
import { customerRows, ticketsView } from './views.ts';

/** The scheduler's memory: whether a run is due, and how many runs in a row found nothing to do. */
interface SchedulerState {
  armed: boolean;
  idleRuns: number;
}

type Ctx = LabContext<EventualConsistency, 'sync-shared', SchedulerState>;

type Role = 'ticket_service' | 'customer_service' | 'sync_job';
type Schema = 'tickets' | 'customers' | 'sync';

/** Runs statements as one role, in one local transaction: the role is gone when the transaction ends. */
function asRole(role: Role, statements: readonly string[]): string {
  return transaction([`SET LOCAL ROLE ${role}`, ...statements]);
}

/**
 * Runs statements as `role` and, once they succeed, records which schemas they read and wrote: the
 * coupling the chapter is about, stated next to the SQL that has it (and that the grants allow).
 */
async function runAs(ctx: Ctx, role: Role, access: { reads: readonly Schema[]; writes: readonly Schema[] }, statements: readonly string[]) {
  const result: QueryResult = await ctx.sql(asRole(role, statements));
  if (result.ok) ctx.fact({ kind: 'access', actor: role, reads: access.reads, writes: access.writes });
  return result;
}

function interval(ctx: Ctx): number {
  if (ctx.isFaultOn('sync-interval-short')) return SYNC_INTERVAL_SHORT_MS;
  if (ctx.isFaultOn('sync-interval-long')) return SYNC_INTERVAL_LONG_MS;
  return SYNC_INTERVAL_MS;
}

/**
 * A real scheduler fires forever. This one sleeps after a few runs with nothing to fix and wakes on the
 * next request, so that the lab can go quiet; while it is awake it fires exactly as cron would.
 */
function arm(ctx: Ctx) {
  if (ctx.state.armed) return;
  ctx.state.armed = true;
  ctx.setTimer(interval(ctx), { type: 'sync-run' });
}

/** A request wakes the scheduler: there may be something to fix again. */
function wake(ctx: Ctx) {
  ctx.state.idleRuns = 0;
  arm(ctx);
}

async function nextRun(ctx: Ctx): Promise<number> {
  const [row] = rowsAt(
    await runAs(ctx, 'sync_job', { reads: ['sync'], writes: [] }, ['SELECT coalesce(max(run), 0) + 1 AS run FROM sync.runs']),
    2,
  );
  return Number(row?.['run'] ?? 1);
}

/** One run of the sync job: read both schemas, compare, correct. */
async function syncRun(ctx: Ctx) {
  ctx.state.armed = false;
  const run = await nextRun(ctx);
  const actual = rowsAt(
    await runAs(ctx, 'sync_job', { reads: ['tickets'], writes: [] }, [
      "SELECT customer_id, count(*)::int AS open FROM tickets.tickets WHERE status = 'open' GROUP BY customer_id",
    ]),
    2,
  );
  const want = new Map(actual.map((r) => [String(r['customer_id']), Number(r['open'])]));
  if (customersDown((id) => ctx.isFaultOn(id), 'sync')) {
    await runAs(ctx, 'sync_job', { reads: [], writes: ['sync'] }, [
      `INSERT INTO sync.runs (run, at, outcome) VALUES (${sqlInt(run)}, ${sqlInt(ctx.now)}, 'failed')`,
    ]);
    ctx.note(`sync run ${run} failed: the customers schema cannot be reached`);
    ctx.fact({ kind: 'sync-failed', run });
    ctx.state.idleRuns = 0;
    arm(ctx);
    return;
  }
  const stored = rowsAt(
    await runAs(ctx, 'sync_job', { reads: ['customers'], writes: [] }, ['SELECT id, open_tickets FROM customers.customers ORDER BY id']),
    2,
  );
  const fixes = stored
    .map((r) => ({ id: String(r['id']), count: want.get(String(r['id'])) ?? 0, had: Number(r['open_tickets']) }))
    .filter((r) => r.count !== r.had);
  const updates = fixes.map(
    (f) => `UPDATE customers.customers SET open_tickets = ${sqlInt(f.count)}, synced_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(f.id)}`,
  );
  const outcome = fixes.length > 0 ? 'fixed' : 'nothing to fix';
  const result = await runAs(ctx, 'sync_job', { reads: [], writes: fixes.length > 0 ? ['customers', 'sync'] : ['sync'] }, [
    ...updates,
    `INSERT INTO sync.runs (run, at, outcome, customers_fixed) VALUES (${sqlInt(run)}, ${sqlInt(ctx.now)}, ${sqlText(outcome)}, ${sqlInt(fixes.length)})`,
  ]);
  if (!result.ok) return;
  for (const f of fixes) recordCount(ctx, f.id, f.count, `sync run ${run}`);
  ctx.state.idleRuns = fixes.length > 0 ? 0 : ctx.state.idleRuns + 1;
  if (ctx.state.idleRuns < SYNC_IDLE_RUNS) arm(ctx);
}

export const syncShared: ServiceSpec<EventualConsistency, 'sync-shared', SchedulerState> = {
  label: '1 · Tickets + Customers + sync job (Postgres)',
  role: 'Pattern 1: two schemas on one server, and a sync job on a timer that reads one and writes the other',
  database: { kind: 'postgres', setupSql: `${syncSharedSql}\nINSERT INTO customers.customers (id, name) VALUES ${customerRows};` },
  tables: [
    { title: 'customers.customers', sql: 'SELECT id, open_tickets, synced_at FROM customers.customers ORDER BY id' },
    ticketsView('tickets.tickets'),
    { title: 'sync.runs (newest first)', sql: 'SELECT run, at, outcome, customers_fixed FROM sync.runs ORDER BY run DESC LIMIT 10' },
  ],
  initialState: () => ({ armed: false, idleRuns: 0 }),
  on: {
    async 'open-ticket'(ctx, { ticketId, customerId }) {
      ctx.fact({ kind: 'requested', ticket: ticketId, customer: customerId });
      const result = await runAs(ctx, 'ticket_service', { reads: [], writes: ['tickets'] }, [
        `INSERT INTO tickets.tickets (id, customer_id, status, opened_at) VALUES (${sqlText(ticketId)}, ${sqlText(customerId)}, 'open', ${sqlInt(ctx.now)}) ON CONFLICT (id) DO NOTHING`,
      ]);
      if (result.ok) recordTicket(ctx, ticketId, customerId, 'open');
      wake(ctx);
    },
    async 'close-ticket'(ctx, { ticketId }) {
      const result = await runAs(ctx, 'ticket_service', { reads: [], writes: ['tickets'] }, [
        `UPDATE tickets.tickets SET status = 'closed', closed_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(ticketId)} AND status = 'open' RETURNING customer_id`,
      ]);
      const customer = rowsAt(result, 2)[0]?.['customer_id'];
      if (customer !== undefined) recordTicket(ctx, ticketId, String(customer), 'closed');
      wake(ctx);
    },
    'sync-run': syncRun,
  },
};
