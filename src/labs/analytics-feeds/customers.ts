/**
 * The customer service: it owns the customers table. An agent edits a customer's profile in a form that
 * loads the whole row and, when saved, writes the whole row back: code written for a table with one writer.
 *
 * The churn scores arrive from the analytics store's reverse-ETL sync in one of three ways:
 * - `direct`: the pipeline connects as its own role and updates customers.churn_risk, a second writer of
 *   the service's table (the form then saves an older score over the new one);
 * - `owned-table`: the pipeline writes pipeline_churn_scores, a table it alone writes and the service reads;
 * - `api`: the service receives the scores, checks them and writes its own churn_scores table.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import customersSql from './customers.sql?raw';
import type { FeedsLab, Score, SyncMode } from './messages.ts';
import { FORM_OPEN_MS } from './settings.ts';

interface Form {
  readonly customerId: number;
  readonly name: string;
  readonly plan: string;
  readonly churnRisk: number | null;
}

interface CustomersState {
  form: Form | undefined;
}

type Ctx = LabContext<FeedsLab, 'customers', CustomersState>;

const nullable = (n: number | null) => (n === null ? 'NULL' : sqlInt(n));
const asRole = (role: string, statements: readonly string[]) => transaction([`SET LOCAL ROLE ${role}`, ...statements]);

function syncSql(mode: SyncMode, scores: readonly Score[], now: number): string {
  const values = scores.map((s) => `(${sqlInt(s.customerId)}, ${sqlInt(s.score)}, ${sqlInt(now)})`).join(', ');
  switch (mode) {
    case 'direct':
      return asRole('reverse_etl', [
        `UPDATE customers c SET churn_risk = s.score FROM (VALUES ${values}) AS s (customer_id, score, at) WHERE c.id = s.customer_id AND c.churn_risk IS DISTINCT FROM s.score`,
      ]);
    case 'owned-table':
      return asRole('reverse_etl', [
        `INSERT INTO pipeline_churn_scores (customer_id, score, synced_at) VALUES ${values}
ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, synced_at = excluded.synced_at`,
      ]);
    case 'api':
      return asRole('customer_app', [
        `INSERT INTO churn_scores (customer_id, score, received_at) VALUES ${values}
ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, received_at = excluded.received_at`,
      ]);
  }
}

async function saveForm(ctx: Ctx) {
  const form = ctx.state.form;
  if (!form) return;
  ctx.state.form = undefined;
  // Postgres 18's RETURNING old.* shows what the save overwrote.
  const result = await ctx.sql(
    asRole('customer_app', [
      `UPDATE customers SET name = ${sqlText(form.name)}, plan = ${sqlText(form.plan)}, churn_risk = ${nullable(form.churnRisk)} WHERE id = ${sqlInt(form.customerId)} RETURNING old.churn_risk AS before, new.churn_risk AS after`,
    ]),
  );
  // The UPDATE is the last statement before COMMIT; its one row holds the score before and after.
  const before = result.ok ? result.results.at(-2)?.rows[0]?.[0] : undefined;
  if (before !== null && before !== undefined && Number(before) !== form.churnRisk) {
    ctx.fact({ kind: 'score-reverted', customerId: form.customerId, from: Number(before), to: form.churnRisk });
    ctx.note(
      `the form saved customer ${form.customerId} with churn_risk ${String(form.churnRisk)}, over the ${String(before)} the pipeline wrote while it was open`,
    );
  }
}

export const customers: ServiceSpec<FeedsLab, 'customers', CustomersState> = {
  label: 'Customer service (Postgres)',
  role: 'Owns the customers table; receives churn scores from the analytics store by the sync mode chosen',
  database: { kind: 'postgres', setupSql: customersSql },
  tables: [
    { title: 'customers', sql: 'SELECT id, name, plan, churn_risk FROM customers ORDER BY id' },
    {
      title: 'table_writers (who wrote which table)',
      sql: 'SELECT table_name, writer, writes FROM table_writers ORDER BY table_name, writer',
    },
    {
      title: 'scores by owned table / by API',
      sql: 'SELECT c.id, p.score AS owned_table, s.score AS api FROM customers c LEFT JOIN pipeline_churn_scores p ON p.customer_id = c.id LEFT JOIN churn_scores s ON s.customer_id = c.id ORDER BY c.id',
    },
  ],
  initialState: () => ({ form: undefined }),
  on: {
    async 'open-form'(ctx, m) {
      const [row] = rowsOf(await ctx.sql(`SELECT id, name, plan, churn_risk FROM customers WHERE id = ${sqlInt(m.customerId)}`));
      if (!row) return;
      ctx.state.form = {
        customerId: m.customerId,
        name: String(row['name']),
        plan: String(row['plan']),
        churnRisk: row['churn_risk'] === null ? null : Number(row['churn_risk']),
      };
      ctx.setTimer(FORM_OPEN_MS, { type: 'save-form' });
    },
    'save-form': saveForm,
    async scores(ctx, m) {
      const result = await ctx.sql(syncSql(m.mode, m.scores, ctx.now));
      if (!result.ok) ctx.note(`the scores were refused: ${result.error.message}`);
    },
  },
};
