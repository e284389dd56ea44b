/** The order service (Postgres): owns orders. It can page through them newest first, but knows no names or payments. */
import type { Cell } from '../engine/types.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt } from '../kit/service-sql.ts';
import type { ApiComposition, OrderRow, OrdersQuery } from './messages.ts';
import ordersSql from './orders.sql?raw';
import { answerLater, handOverChanges, inList, plural } from './owning-service.ts';
import { ordersSeedSql } from './seed-data.ts';

const COLUMNS = 'order_id, customer_id, placed_at, total_cents';

export const orderRowOf = (r: Record<string, Cell>): OrderRow => ({
  orderId: String(r['order_id']),
  customerId: String(r['customer_id']),
  placedAt: Number(r['placed_at']),
  totalCents: Number(r['total_cents']),
});

function querySql(q: OrdersQuery): string {
  switch (q.op) {
    case 'get':
      return `SELECT ${COLUMNS} FROM orders WHERE order_id IN ${inList(q.orderIds)} ORDER BY order_id`;
    case 'all':
      return `SELECT ${COLUMNS} FROM orders ORDER BY order_id`;
    case 'newest':
      return `SELECT ${COLUMNS} FROM orders${q.among ? ` WHERE order_id IN ${inList(q.among)}` : ''}
ORDER BY placed_at DESC, order_id DESC LIMIT ${sqlInt(q.limit)} OFFSET ${sqlInt(q.offset)}`;
  }
}

export const orders: ServiceSpec<ApiComposition, 'orders', Record<string, never>> = {
  label: 'Orders (Postgres)',
  role: 'Owns orders: who placed each one, when, and its total. Knows no names and no payments',
  database: { kind: 'postgres', setupSql: `${ordersSql}\n${ordersSeedSql()}` },
  tables: [
    {
      title: 'orders (newest first)',
      sql: 'SELECT order_id, customer_id, placed_at, total_cents, version AS v FROM orders ORDER BY placed_at DESC LIMIT 8',
    },
  ],
  initialState: () => ({}),
  on: {
    async query(ctx, q) {
      const rows = rowsOf(await ctx.sql(querySql(q))).map(orderRowOf);
      const among = q.op === 'newest' && q.among ? ` among ${plural(q.among.length, 'given order')}` : '';
      answerLater((d, r) => ctx.setTimer(d, r), {
        type: 'answer',
        summary: `${plural(rows.length, 'order')} (${q.op}${among})`,
        callId: q.callId,
        part: 'orders',
        rows,
      });
    },
    reply: (ctx, m) => ctx.send('composer', m.answer),
    'fetch-changes': (ctx, m) => handOverChanges(ctx, 'orders', m),
  },
};
