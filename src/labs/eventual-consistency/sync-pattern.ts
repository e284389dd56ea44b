/**
 * Pattern 1, background synchronization. The Ticket service writes its ticket and nothing else. A sync job
 * on a timer reads every open ticket straight from the tickets schema, compares with the counts in the
 * customers schema, and writes the corrections there itself. Neither service knows the other exists; the
 * sync job knows both of their schemas.
 *
 * Both schemas live on one Postgres server (the `sync-shared` service), each behind its own role, so the
 * grants in sync-shared.sql are what lets the job in, and Postgres itself refuses anyone else.
 */
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { rowsAt } from './rows.ts';
import type { Message, ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import { customersDown, FAULT } from './faults.ts';
import { noteCount, noteTicket } from './facts.ts';
import { isCloseTicket, isOpenTicket } from './messages.ts';
import { SYNC_IDLE_RUNS, SYNC_INTERVAL_LONG_MS, SYNC_INTERVAL_MS, SYNC_INTERVAL_SHORT_MS } from './settings.ts';

/** The scheduler's memory: whether a run is due, and how many runs in a row found nothing to do. */
interface SchedulerState {
  armed: boolean;
  idleRuns: number;
}

type Ctx = ServiceContext<SchedulerState>;

/** Runs statements as one role, in one local transaction: the role is gone when the transaction ends. */
export function asRole(role: 'ticket_service' | 'customer_service' | 'sync_job', statements: readonly string[]): string {
  return transaction([`SET LOCAL ROLE ${role}`, ...statements]);
}

function interval(ctx: Ctx): number {
  if (ctx.isFaultOn(FAULT.syncShort)) return SYNC_INTERVAL_SHORT_MS;
  if (ctx.isFaultOn(FAULT.syncLong)) return SYNC_INTERVAL_LONG_MS;
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

async function openTicket(ctx: Ctx, ticketId: string, customerId: string) {
  const result = await ctx.sql(
    asRole('ticket_service', [
      `INSERT INTO tickets.tickets (id, customer_id, status, opened_at) VALUES (${sqlText(ticketId)}, ${sqlText(customerId)}, 'open', ${sqlInt(ctx.now)}) ON CONFLICT (id) DO NOTHING`,
    ]),
  );
  if (result.ok) noteTicket(ctx, ticketId, customerId, 'open');
}

async function closeTicket(ctx: Ctx, ticketId: string) {
  const result = await ctx.sql(
    asRole('ticket_service', [
      `UPDATE tickets.tickets SET status = 'closed', closed_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(ticketId)} AND status = 'open' RETURNING customer_id`,
    ]),
  );
  const customer = rowsAt(result, 2)[0]?.['customer_id'];
  if (customer !== undefined) noteTicket(ctx, ticketId, String(customer), 'closed');
}

async function nextRun(ctx: Ctx): Promise<number> {
  const [row] = rowsAt(await ctx.sql(asRole('sync_job', ['SELECT coalesce(max(run), 0) + 1 AS run FROM sync.runs'])), 2);
  return Number(row?.['run'] ?? 1);
}

/** One run of the sync job: read both schemas, compare, correct. */
async function syncRun(ctx: Ctx) {
  ctx.state.armed = false;
  const run = await nextRun(ctx);
  const actual = rowsAt(
    await ctx.sql(
      asRole('sync_job', ["SELECT customer_id, count(*)::int AS open FROM tickets.tickets WHERE status = 'open' GROUP BY customer_id"]),
    ),
    2,
  );
  const want = new Map(actual.map((r) => [String(r['customer_id']), Number(r['open'])]));
  if (customersDown((id) => ctx.isFaultOn(id), 'sync')) {
    await ctx.sql(asRole('sync_job', [`INSERT INTO sync.runs (run, at, outcome) VALUES (${sqlInt(run)}, ${sqlInt(ctx.now)}, 'failed')`]));
    ctx.note(`sync run ${run} failed: the customers schema cannot be reached`);
    ctx.state.idleRuns = 0;
    arm(ctx);
    return;
  }
  const stored = rowsAt(await ctx.sql(asRole('sync_job', ['SELECT id, open_tickets FROM customers.customers ORDER BY id'])), 2);
  const fixes = stored
    .map((r) => ({ id: String(r['id']), count: want.get(String(r['id'])) ?? 0, had: Number(r['open_tickets']) }))
    .filter((r) => r.count !== r.had);
  const updates = fixes.map(
    (f) => `UPDATE customers.customers SET open_tickets = ${sqlInt(f.count)}, synced_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(f.id)}`,
  );
  const outcome = fixes.length > 0 ? 'fixed' : 'nothing to fix';
  const result = await ctx.sql(
    asRole('sync_job', [
      ...updates,
      `INSERT INTO sync.runs (run, at, outcome, customers_fixed) VALUES (${sqlInt(run)}, ${sqlInt(ctx.now)}, ${sqlText(outcome)}, ${sqlInt(fixes.length)})`,
    ]),
  );
  if (!result.ok) return;
  for (const f of fixes) noteCount(ctx, f.id, f.count, `sync run ${run}`);
  ctx.state.idleRuns = fixes.length > 0 ? 0 : ctx.state.idleRuns + 1;
  if (ctx.state.idleRuns < SYNC_IDLE_RUNS) arm(ctx);
}

export const syncShared: ServiceBehaviour<SchedulerState> = {
  initialState: () => ({ armed: false, idleRuns: 0 }),
  async handle(ctx, message: Message) {
    if (isOpenTicket(message)) {
      await openTicket(ctx, message.ticketId, message.customerId);
      ctx.state.idleRuns = 0;
      arm(ctx);
    } else if (isCloseTicket(message)) {
      await closeTicket(ctx, message.ticketId);
      ctx.state.idleRuns = 0;
      arm(ctx);
    } else if (message.type === 'sync-run') {
      await syncRun(ctx);
    }
  },
};
