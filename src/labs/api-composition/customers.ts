/** The customer service (Postgres): owns customers' names, and is the only place that can sort by one. */
import type { Cell } from '../engine/types.ts';
import type { ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { ApiComposition, CustomerRow, CustomersQuery } from './messages.ts';
import customersSql from './customers.sql?raw';
import { answerLater, committed, handOverChanges, inList, LAST_CHANGE, plural } from './owning-service.ts';
import { customersSeedSql, NEW_NAMES } from './seed-data.ts';

/** Who "Rename a customer" renames, in turn: first the customer of the order page, then others across the alphabet. */
export const RENAMED = ['c-07', 'c-02', 'c-13', 'c-20', 'c-05'] as const;

export const customerRowOf = (r: Record<string, Cell>): CustomerRow => ({ customerId: String(r['customer_id']), name: String(r['name']) });

function querySql(q: CustomersQuery): string {
  return q.op === 'get'
    ? `SELECT customer_id, name FROM customers WHERE customer_id IN ${inList(q.customerIds)} ORDER BY customer_id`
    : 'SELECT customer_id, name FROM customers ORDER BY customer_id';
}

/** The k-th rename (from 0): a customer from the list, a name from the list, numbered once the lists come round again. */
export function renameOf(k: number): { customerId: string; name: string } {
  const round = Math.floor(k / NEW_NAMES.length);
  const name = NEW_NAMES[k % NEW_NAMES.length] ?? NEW_NAMES[0];
  return { customerId: RENAMED[k % RENAMED.length] ?? RENAMED[0], name: round === 0 ? name : `${name} ${round + 1}` };
}

export const customers: ServiceSpec<ApiComposition, 'customers', Record<string, never>> = {
  label: 'Customers (Postgres)',
  role: 'Owns customers and their names; the only service that can sort by name',
  database: { kind: 'postgres', setupSql: `${customersSql}\n${customersSeedSql()}` },
  tables: [
    { title: 'customers (by name)', sql: 'SELECT customer_id, name, version AS v FROM customers ORDER BY name, customer_id LIMIT 8' },
  ],
  initialState: () => ({}),
  on: {
    async query(ctx, q) {
      if (ctx.isFaultOn('customers-down')) return ctx.note(`Customers is down: call ${q.callId} gets no answer`);
      const rows = rowsOf(await ctx.sql(querySql(q))).map(customerRowOf);
      answerLater((d, r) => ctx.setTimer(d, r), {
        type: 'answer',
        summary: `${plural(rows.length, 'customer')} (${q.op})`,
        callId: q.callId,
        part: 'customers',
        rows,
      });
    },
    reply: (ctx, m) => ctx.send('composer', m.answer),
    async 'fetch-changes'(ctx, m) {
      if (ctx.isFaultOn('customers-down')) return ctx.note('Customers is down: the projector’s fetch gets no answer');
      await handOverChanges(ctx, 'customers', m);
    },
    async 'rename-customer'(ctx) {
      if (ctx.isFaultOn('customers-down')) return ctx.note('Customers is down: the rename cannot be made now');
      // Every version past the first is a rename: the count survives a restart, unlike a counter in memory.
      const [done] = rowsOf(await ctx.sql('SELECT coalesce(sum(version - 1), 0)::int AS renames FROM customers'));
      const { customerId, name } = renameOf(Number(done?.['renames'] ?? 0));
      const result = await ctx.sql(
        transaction([
          `UPDATE customers SET name = ${sqlText(name)}, version = version + 1, changed_at = ${sqlInt(ctx.now)} WHERE customer_id = ${sqlText(customerId)}`,
          LAST_CHANGE,
        ]),
      );
      if (committed(ctx, 'customers', result)) ctx.note(`${customerId} is now called ${name}`);
    },
  },
};
