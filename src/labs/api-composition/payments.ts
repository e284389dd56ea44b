/** The payment service (SQLite): owns payments. It can filter by status, and knows nothing of customers. */
import type { Cell } from '../engine/types.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, transaction } from '../kit/service-sql.ts';
import type { ApiComposition, PaymentRow, PaymentsQuery } from './messages.ts';
import { answerLater, committed, handOverChanges, inList, LAST_CHANGE, plural } from './owning-service.ts';
import paymentsSql from './payments.sql?raw';
import { paymentsSeedSql } from './seed-data.ts';
import { PAYMENTS_SLOW_MS } from './settings.ts';

export const paymentRowOf = (r: Record<string, Cell>): PaymentRow => ({ orderId: String(r['order_id']), status: String(r['status']) });

function querySql(q: PaymentsQuery): string {
  if (q.op === 'get') return `SELECT order_id, status FROM payments WHERE order_id IN ${inList(q.orderIds)} ORDER BY order_id`;
  const page = q.page ? ` LIMIT ${sqlInt(q.page.limit)} OFFSET ${sqlInt(q.page.offset)}` : '';
  return `SELECT order_id, status FROM payments WHERE status = '${q.status}' ORDER BY order_id${page}`;
}

export const payments: ServiceSpec<ApiComposition, 'payments', Record<string, never>> = {
  label: 'Payments (SQLite)',
  role: 'Owns payments and their status; the only service that can filter by it',
  database: { kind: 'sqlite', setupSql: `${paymentsSql}\n${paymentsSeedSql()}` },
  tables: [
    {
      title: 'payments (changed last first)',
      sql: 'SELECT order_id, status, version AS v FROM payments ORDER BY changed_at DESC, order_id LIMIT 8',
    },
    { title: 'payments by status', sql: 'SELECT status, count(*) AS orders FROM payments GROUP BY status ORDER BY status' },
  ],
  initialState: () => ({}),
  on: {
    async query(ctx, q) {
      if (ctx.isFaultOn('payments-down')) return ctx.note(`Payments is down: call ${q.callId} gets no answer`);
      const rows = rowsOf(await ctx.sql(querySql(q))).map(paymentRowOf);
      const what = q.op === 'get' ? 'get' : `${q.status}${q.page ? `, rows ${q.page.offset + 1}–${q.page.offset + q.page.limit}` : ''}`;
      const slow = ctx.isFaultOn('payments-slow') ? PAYMENTS_SLOW_MS : 0;
      answerLater(
        (d, r) => ctx.setTimer(d, r),
        { type: 'answer', summary: `${plural(rows.length, 'payment')} (${what})`, callId: q.callId, part: 'payments', rows },
        slow,
      );
    },
    reply: (ctx, m) => ctx.send('composer', m.answer),
    async 'fetch-changes'(ctx, m) {
      if (ctx.isFaultOn('payments-down')) return ctx.note('Payments is down: the projector’s fetch gets no answer');
      await handOverChanges(ctx, 'payments', m);
    },
    async 'settle-payment'(ctx) {
      if (ctx.isFaultOn('payments-down')) return ctx.note('Payments is down: the payment cannot settle now');
      const result = await ctx.sql(
        transaction([
          `UPDATE payments SET status = 'paid', version = version + 1, changed_at = ${sqlInt(ctx.now)}
WHERE order_id = (SELECT order_id FROM payments WHERE status = 'pending' ORDER BY order_id LIMIT 1)`,
          LAST_CHANGE,
        ]),
      );
      const orderId = committed(ctx, 'payments', result);
      if (orderId) ctx.note(`the payment for ${orderId} settled: paid`);
    },
  },
};
