/**
 * The relational store (Postgres): the source of truth. A write changes its rows and appends the change to
 * change_log in the same transaction, then sends the change to the stores that keep the other shapes. It also
 * serves the relational access patterns and the graph walk over customer_links.
 */
import type { QueryResult } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { Change, ShapesLab } from './messages.ts';
import { RELATIONAL_QUERIES } from './patterns.ts';
import { runPostgresPatterns } from './run-patterns.ts';
import { RELATIONAL_SETUP } from './seed-sql.ts';

type Ctx = LabContext<ShapesLab, 'relational', null>;

/** The last statement of a batch whose first column is `name`. */
function column(result: QueryResult, name: string) {
  if (!result.ok) return [];
  return result.results.filter((r) => r.fields[0]?.name === name).flatMap((r) => r.rows.map((row) => row[0]));
}

function publish(ctx: Ctx, position: number, change: Change) {
  const holds = `change ${position}: ${change.kind}`;
  for (const to of ['derived', 'keyvalue'] as const) ctx.send(to, { type: 'changes', holds, changes: [{ position, change }] });
}

export const relational: ServiceSpec<ShapesLab, 'relational', null> = {
  label: 'Relational store (Postgres)',
  role: 'The source of truth, normalised: customers, tickets, products, agents, and customer_links walked as a graph; every change also goes to change_log',
  database: { kind: 'postgres', setupSql: RELATIONAL_SETUP },
  tables: [
    {
      title: 'products',
      sql: 'SELECT p.id, p.name, count(t.id) AS tickets FROM products p LEFT JOIN tickets t ON t.product_id = p.id GROUP BY p.id ORDER BY p.id',
    },
    {
      title: 'change_log (newest first)',
      sql: "SELECT position, change ->> 'kind' AS kind, left(change::text, 60) AS change FROM change_log ORDER BY position DESC LIMIT 5",
    },
  ],
  initialState: () => null,
  on: {
    async 'run-patterns'(ctx, m) {
      await runPostgresPatterns(ctx, RELATIONAL_QUERIES, m.run, m.timed);
    },
    async 'rename-product'(ctx, m) {
      const result = await ctx.sql(
        `${transaction([
          `UPDATE products SET name = ${sqlText(m.name)} WHERE id = ${sqlInt(m.productId)}`,
          `INSERT INTO change_log (change) SELECT jsonb_build_object('kind', 'product-renamed', 'productId', ${sqlInt(m.productId)}, 'name', ${sqlText(m.name)}, 'ticketIds', coalesce((SELECT jsonb_agg(id ORDER BY id) FROM tickets WHERE product_id = ${sqlInt(m.productId)}), '[]')) RETURNING position`,
        ])}\nSELECT id AS ticket_id FROM tickets WHERE product_id = ${sqlInt(m.productId)} ORDER BY id;`,
      );
      const [position] = column(result, 'position');
      if (position === undefined) return;
      ctx.fact({ kind: 'write', position: Number(position), change: 'product-renamed', shape: 'relational', rowsWritten: 1 });
      const ticketIds = column(result, 'ticket_id').map(Number);
      publish(ctx, Number(position), { kind: 'product-renamed', productId: m.productId, name: m.name, ticketIds });
    },
    async 'open-ticket'(ctx, m) {
      const result = await ctx.sql(
        transaction([
          `INSERT INTO tickets (id, customer_id, product_id, agent_id, category, subject, body, status)
SELECT coalesce(max(id), 0) + 1, ${sqlInt(m.customerId)}, ${sqlInt(m.productId)}, ${sqlInt(m.agentId)}, ${sqlText(m.category)}, ${sqlText(m.subject)}, ${sqlText(m.body)}, 'open' FROM tickets`,
          `INSERT INTO change_log (change)
SELECT jsonb_build_object('kind', 'ticket-opened', 'customer', c.name, 'product', p.name, 'agent', a.name, 'ticket', jsonb_build_object(
  'id', t.id, 'customerId', t.customer_id, 'productId', t.product_id, 'agentId', t.agent_id, 'category', t.category, 'subject', t.subject, 'body', t.body, 'status', t.status))
FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN products p ON p.id = t.product_id JOIN agents a ON a.id = t.agent_id
WHERE t.id = (SELECT max(id) FROM tickets) RETURNING position, change::text`,
        ]),
      );
      const inserted = result.ok ? result.results.find((r) => r.fields[0]?.name === 'position')?.rows[0] : undefined;
      if (!inserted) return;
      const position = Number(inserted[0]);
      ctx.fact({ kind: 'write', position, change: 'ticket-opened', shape: 'relational', rowsWritten: 1 });
      publish(ctx, position, JSON.parse(String(inserted[1])) as Change);
    },
    async 'link-customers'(ctx, m) {
      const result = await ctx.sql(`WITH added AS (
  INSERT INTO customer_links (from_id, to_id, kind) VALUES (${sqlInt(m.from)}, ${sqlInt(m.to)}, 'escalation'), (${sqlInt(m.to)}, ${sqlInt(m.from)}, 'escalation')
  ON CONFLICT DO NOTHING RETURNING 1)
INSERT INTO change_log (change) SELECT jsonb_build_object('kind', 'customers-linked', 'from', ${sqlInt(m.from)}, 'to', ${sqlInt(m.to)})
WHERE EXISTS (SELECT FROM added) RETURNING position`);
      const [position] = column(result, 'position');
      if (position === undefined) {
        ctx.note(`customers ${m.from} and ${m.to} were already linked`);
        return;
      }
      ctx.fact({ kind: 'write', position: Number(position), change: 'customers-linked', shape: 'graph', rowsWritten: 2 });
      publish(ctx, Number(position), { kind: 'customers-linked', from: m.from, to: m.to });
    },
  },
};
