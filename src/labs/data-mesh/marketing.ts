/**
 * The consumer: marketing's analytics. Every few hundred ms it runs its three queries on the products it
 * depends on (version 1 of each), as its own role in each domain, and builds an audience from the answers.
 * A query a producer's change broke comes back with Postgres's own error, and is logged as such.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import marketingSql from './marketing.sql?raw';
import type { ConsumerQuery, DomainName, MeshLab } from './messages.ts';
import { CONSUMER_EVERY_MS } from './settings.ts';

interface MarketingState {
  until: number;
  consuming: boolean;
}

/** The consumer's queries, by the domain that answers them. Each names columns of version 1 of a product. */
export const CONSUMER_QUERIES: readonly (ConsumerQuery & { readonly domain: DomainName; readonly column: string })[] = [
  {
    id: 'tickets-per-customer',
    domain: 'support',
    product: 'tickets_v1',
    column: 'tickets',
    sql: 'SELECT customer_id, count(*)::int AS tickets FROM support_products.tickets_v1 GROUP BY customer_id ORDER BY customer_id',
  },
  {
    id: 'spend-per-customer',
    domain: 'billing',
    product: 'invoices_v1',
    column: 'spent_cents',
    sql: 'SELECT customer_id, sum(amount_cents)::int AS spent_cents FROM billing_products.invoices_v1 GROUP BY customer_id ORDER BY customer_id',
  },
  {
    id: 'audience-emails',
    domain: 'billing',
    product: 'customers_v1',
    column: 'email',
    sql: 'SELECT customer_id, email, plan FROM billing_products.customers_v1 ORDER BY customer_id',
  },
];

const literal = (v: string | number | null | undefined) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : sqlText(v);

export const marketing: ServiceSpec<MeshLab, 'marketing', MarketingState> = {
  label: 'Marketing (SQLite)',
  role: `The consumer: every ${CONSUMER_EVERY_MS} ms queries the products it depends on, as role marketing, and builds an audience`,
  database: { kind: 'sqlite', setupSql: marketingSql },
  tables: [
    { title: 'query_log (newest first)', sql: 'SELECT at, domain, query, outcome, detail FROM query_log ORDER BY rowid DESC LIMIT 8' },
    { title: 'audience', sql: 'SELECT customer_id, tickets, spent_cents, email, plan FROM audience ORDER BY customer_id' },
  ],
  initialState: () => ({ until: 0, consuming: false }),
  on: {
    'run-until'(ctx, m) {
      ctx.state.until = Math.max(ctx.state.until, m.until);
      if (ctx.state.consuming) return;
      ctx.state.consuming = true;
      ctx.setTimer(CONSUMER_EVERY_MS, { type: 'consume' });
    },
    consume(ctx) {
      for (const q of CONSUMER_QUERIES) ctx.send(q.domain, { type: 'query', query: { id: q.id, product: q.product, sql: q.sql } });
      if (ctx.now + CONSUMER_EVERY_MS <= ctx.state.until) ctx.setTimer(CONSUMER_EVERY_MS, { type: 'consume' });
      else ctx.state.consuming = false;
    },
    async answer(ctx, m) {
      const query = CONSUMER_QUERIES.find((q) => q.id === m.query);
      if (!query) return;
      ctx.fact({
        kind: 'consumer-query',
        domain: m.domain,
        query: m.query,
        ok: m.error === null,
        code: m.error?.code ?? '',
        message: m.error?.message ?? '',
      });
      const log = `INSERT INTO query_log VALUES (${sqlInt(ctx.now)}, ${sqlText(m.domain)}, ${sqlText(m.query)}, ${sqlText(m.error ? 'failed' : 'ok')}, ${sqlText(m.error ? `${m.error.code}: ${m.error.message}` : `${m.rows.length} rows`)})`;
      if (m.error) {
        await ctx.sql(log);
        ctx.note(`marketing’s ${m.query} failed: ${m.error.code} ${m.error.message}`);
        return;
      }
      const upserts = m.rows.map((r) => {
        const columns = Object.keys(r).filter((k) => k !== 'customer_id');
        return `INSERT INTO audience (customer_id, ${columns.join(', ')}, updated_at) VALUES (${literal(r['customer_id'])}, ${columns.map((c) => literal(r[c])).join(', ')}, ${sqlInt(ctx.now)})
ON CONFLICT (customer_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`;
      });
      await ctx.sql(transaction([log, ...upserts]));
    },
  },
};
