/**
 * The payments service: its own Postgres database. It charges every card order the broker delivers and keeps
 * the provider's receipt beside the payment. It is never restored here: when orders goes back in time,
 * payments keeps what it took, and its payments name orders that are no longer there.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { Backups, OrderRow, PaymentRow } from './messages.ts';
import paymentsSql from './payments.sql?raw';

type Ctx = LabContext<Backups, 'payments', Record<string, never>>;

async function charge(ctx: Ctx, o: OrderRow) {
  if (o.pay !== 'card') return;
  const id = `P-${o.id.slice(2)}`;
  await ctx.sql(
    transaction([
      `INSERT INTO payments (id, order_id, customer, amount_cents, paid_at) VALUES (${sqlText(id)}, ${sqlText(o.id)}, ${sqlText(o.customer)}, ${sqlInt(o.total_cents)}, ${sqlInt(ctx.now)}) ON CONFLICT DO NOTHING`,
      `INSERT INTO provider_receipts (payment_id, amount_cents, taken_at) VALUES (${sqlText(id)}, ${sqlInt(o.total_cents)}, ${sqlInt(ctx.now)}) ON CONFLICT DO NOTHING`,
    ]),
  );
}

async function list(ctx: Ctx, purpose: 'check' | 'reconcile') {
  const rows = rowsOf(await ctx.sql('SELECT id, order_id, customer, amount_cents, paid_at FROM payments ORDER BY id')).map(
    (r): PaymentRow => ({
      id: String(r['id']),
      order_id: String(r['order_id']),
      customer: String(r['customer']),
      amount_cents: Number(r['amount_cents']),
      paid_at: Number(r['paid_at']),
    }),
  );
  ctx.send('orders', { type: 'payments', holds: `${rows.length} payments`, purpose, rows });
}

const DUMP_SQL = 'SELECT row_to_json(payments)::text AS line FROM payments ORDER BY id';

export const payments: ServiceSpec<Backups, 'payments', Record<string, never>> = {
  label: 'Payments (Postgres)',
  role: 'Charges card orders as the broker delivers them; keeps the provider’s receipt of every charge',
  database: { kind: 'postgres', setupSql: paymentsSql },
  tables: [
    { title: 'payments (newest first)', sql: 'SELECT id, order_id, amount_cents, paid_at FROM payments ORDER BY paid_at DESC LIMIT 8' },
    {
      title: 'receipts without a payment',
      sql: 'SELECT r.payment_id, r.amount_cents FROM provider_receipts r WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = r.payment_id) LIMIT 8',
    },
  ],
  initialState: () => ({}),
  on: {
    'order-placed': (ctx, m) => charge(ctx, m.order),
    'list-payments': (ctx, m) => list(ctx, m.purpose),
    async 'void-payments'(ctx, m) {
      if (m.ids.length === 0) return;
      await ctx.sql(`DELETE FROM payments WHERE id IN (${m.ids.map(sqlText).join(', ')})`);
      ctx.note(`${m.ids.length} payments deleted; the money the provider took stays taken`);
    },
    async 'take-dump'(ctx, m) {
      const result = await ctx.sql(DUMP_SQL);
      if (!result.ok) return ctx.send('vault', { type: 'dump-failed', service: 'payments', dumpId: m.dumpId, error: result.error.message });
      const lines = rowsOf(result).map((r) => String(r['line']));
      ctx.send('vault', {
        type: 'dump-taken',
        holds: `payments dump ${m.dumpId}: ${lines.length} rows`,
        service: 'payments',
        dumpId: m.dumpId,
        uptoSeq: 0,
        lines,
      });
    },
  },
};
