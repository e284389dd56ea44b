/** The orchestrator's saga log in SQL: how entries are written, and what the orchestrator reads back. */
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { Card, OrderData, Region } from './messages.ts';
import type { Ctx } from './local-commit.ts';
import type { LogEntry, LogEvent } from './saga-plan.ts';

/** A log entry about to be written; `detail` says why, e.g. "card expired". */
export type Appended = LogEntry & { readonly detail?: string };

/** The saga's input, kept so a deadline or a restart can rebuild the commands. */
export function sagaSql(order: OrderData, now: number): string {
  return `INSERT INTO sagas (saga_id, sku, qty, amount, card, region, started_at) VALUES (${sqlText(order.orderId)}, ${sqlText(order.sku)}, ${sqlInt(order.qty)}, ${sqlInt(order.amount)}, ${sqlText(order.card)}, ${sqlText(order.region)}, ${sqlInt(now)})`;
}

export function logSql(sagaId: string, entry: Appended, now: number): string {
  return `INSERT INTO saga_log (saga_id, step, event, detail, at) VALUES (${sqlText(sagaId)}, ${entry.step === null ? 'NULL' : sqlText(entry.step)}, '${entry.event}', ${entry.detail ? sqlText(entry.detail) : 'NULL'}, ${sqlInt(now)})`;
}

export async function readLog(ctx: Ctx, sagaId: string): Promise<LogEntry[]> {
  const rows = rowsOf(await ctx.sql(`SELECT step, event FROM saga_log WHERE saga_id = ${sqlText(sagaId)} ORDER BY seq`));
  return rows.map((r) => ({ step: r['step'] === null ? null : String(r['step']), event: String(r['event']) as LogEvent }));
}

export async function readSaga(ctx: Ctx, sagaId: string): Promise<OrderData | undefined> {
  const [row] = rowsOf(await ctx.sql(`SELECT sku, qty, amount, card, region FROM sagas WHERE saga_id = ${sqlText(sagaId)}`));
  if (!row) return undefined;
  return {
    orderId: sagaId,
    sku: String(row['sku']),
    qty: Number(row['qty']),
    amount: Number(row['amount']),
    card: String(row['card']) as Card,
    region: String(row['region']) as Region,
  };
}

/** Forward steps requested and still unanswered, in sagas that have not ended: what a restart picks up. */
export async function waitingSteps(ctx: Ctx): Promise<{ sagaId: string; step: string }[]> {
  const rows = rowsOf(
    await ctx.sql(`SELECT l.saga_id, l.step FROM saga_log l
WHERE l.event = 'requested'
  AND NOT EXISTS (SELECT 1 FROM saga_log o WHERE o.saga_id = l.saga_id AND o.step = l.step AND o.event IN ('done', 'failed', 'timed-out'))
  AND NOT EXISTS (SELECT 1 FROM saga_log e WHERE e.saga_id = l.saga_id AND e.event IN ('completed', 'compensated'))
ORDER BY l.seq`),
  );
  return rows.map((r) => ({ sagaId: String(r['saga_id']), step: String(r['step']) }));
}
