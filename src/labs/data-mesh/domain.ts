/**
 * A domain team's database and jobs, the same for Support and Billing: the team's own tables, the products it
 * publishes on a schedule, its deploy pipeline (which runs the platform's contract test when the platform
 * has it on), and the answers it gives the consumer, always as the consumer's own Postgres role.
 */
import type { Cell } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import billingSql from './billing.sql?raw';
import { contractBreachesSql, CATALOG_SQL, POLICY_SQL, RELATIONS_SQL, type ContractTest } from './catalog-sql.ts';
import { CHANGES, LEAK_GRANT, LEAK_REVOKE, UNMASKED_PRODUCT } from './changes.ts';
import meshSql from './mesh.sql?raw';
import type { CatalogEntry, ChangeId, DomainName, MeshLab, PolicyFinding, ProbeRow } from './messages.ts';
import { CONSUMER_ROLE, EMAILS, PUBLISH_EVERY_MS } from './settings.ts';
import supportSql from './support.sql?raw';

interface DomainState {
  until: number;
  publishing: boolean;
  /** Whether the grant-leak fault's grant is in place, so that switching the fault off revokes it once. */
  leaked: boolean;
}

/** Both domains accept the same messages, so one context type serves both; `ctx.name` says which runs. */
type Ctx = LabContext<MeshLab, DomainName, DomainState>;

const str = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : String(cell));

/** Runs statements in one transaction; on failure (rolled back by the engine) says why in the timeline and returns false. */
async function inTransaction(ctx: Ctx, statements: readonly string[], what: string): Promise<boolean> {
  const result = await ctx.sql(transaction(statements));
  if (result.ok) return true;
  ctx.note(`${what} failed, rolled back: ${result.error.code ?? ''} ${result.error.message}`);
  return false;
}

/** Billing's part of the faults, applied by its publishing job as a team member's mistake would be. */
async function billingMistakes(ctx: Ctx) {
  if (ctx.isFaultOn('unmasked-email')) {
    const exists = rowsOf(await ctx.sql("SELECT 1 FROM mesh.products WHERE product_table = 'payers_v1'")).length > 0;
    if (!exists && (await inTransaction(ctx, UNMASKED_PRODUCT, 'publishing payers_v1')))
      ctx.note('Billing published a new product, payers_v1, straight from its accounts table: the email column is plain text');
  }
  if (ctx.isFaultOn('grant-leak') !== ctx.state.leaked) {
    const leak = !ctx.state.leaked;
    if (await inTransaction(ctx, leak ? LEAK_GRANT : LEAK_REVOKE, leak ? 'the grant' : 'the revoke')) {
      ctx.state.leaked = leak;
      ctx.note(
        leak
          ? 'a Billing engineer granted marketing SELECT on billing.invoices, “just for one dashboard”'
          : 'the grant on billing.invoices was revoked',
      );
    }
  }
}

/** Refreshes every served product from the team's own tables in one transaction, and stamps the publish. */
async function publish(ctx: Ctx) {
  if (ctx.name === 'billing') {
    if (ctx.isFaultOn('billing-stalled')) {
      ctx.note('Billing’s publishing job is stalled: nothing published');
      return;
    }
    await billingMistakes(ctx);
  }
  const products = rowsOf(
    await ctx.sql("SELECT product_schema, product_table, refresh_sql FROM mesh.products WHERE status = 'served' ORDER BY product_table"),
  );
  const refresh = products.flatMap((p) => {
    const table = `${str(p['product_schema'])}.${str(p['product_table'])}`;
    return [`DELETE FROM ${table}`, `INSERT INTO ${table} ${str(p['refresh_sql'])}`];
  });
  const stamp = `UPDATE mesh.products SET published_at = ${sqlInt(ctx.now)} WHERE status = 'served'`;
  if (await inTransaction(ctx, [...refresh, stamp], 'publishing'))
    ctx.fact({ kind: 'published', domain: ctx.name, products: products.length });
}

/** Marks the error a contract test raises, so the pipeline tells it from any other failure. */
const BREACH = 'contract breached: ';

/**
 * The contract test as the last statement of the deploy's transaction: it reads the catalog as the change
 * left it and, if a served version no longer keeps its promise, raises, so that Postgres rolls the whole
 * change back. Nothing is half-deployed, whatever the change was.
 */
function contractGuard(test: ContractTest): string {
  return `DO $guard$ DECLARE found text; BEGIN
  SELECT string_agg(product_table || '.' || column_name || ' (' || promised || ' → ' || coalesce(actual, 'missing') || ')', '; ')
    INTO found FROM (${contractBreachesSql(test)}) breaches;
  IF found IS NOT NULL THEN RAISE EXCEPTION '${BREACH}%', found; END IF;
END $guard$`;
}

/**
 * The deploy pipeline. Without contract tests the change goes straight onto the served version. With them,
 * the contract test runs inside the change's transaction and a breach rolls it back; the new shape is then
 * published as the next version beside the old one, which stays served.
 */
async function deploy(ctx: Ctx, id: ChangeId, test: ContractTest) {
  const change = CHANGES[id];
  const [settings] = rowsOf(await ctx.sql('SELECT contract_tests FROM mesh.settings'));
  const contractTests = settings?.['contract_tests'] === true;
  const tried = await ctx.sql(transaction([...change.inPlace, ...(contractTests ? [contractGuard(test)] : [])]));
  if (tried.ok) {
    ctx.note(
      `${change.what}: deployed to the served version${contractTests ? ', the contract test found no breach' : ', no contract test ran'}`,
    );
    ctx.fact({ kind: 'change', domain: ctx.name, change: id, contractTests, outcome: 'applied', breaches: 0 });
    return;
  }
  const message = tried.error.message;
  if (!message.startsWith(BREACH)) {
    ctx.note(`${change.what} failed, rolled back: ${tried.error.code ?? ''} ${message}`);
    return;
  }
  const breaches = message.slice(BREACH.length).split('; ');
  ctx.note(`the contract test refused ${change.what}: ${breaches.join(', ')}; Postgres rolled it back`);
  if (await inTransaction(ctx, change.asNewVersion, 'publishing the new version')) {
    ctx.note('the new shape is published as the next version beside the old one, which stays served');
    ctx.fact({ kind: 'change', domain: ctx.name, change: id, contractTests, outcome: 'refused-published-v2', breaches: breaches.length });
  }
}

/** Runs one statement as the consumer's role; a refusal fails that statement only, and the role is reset after. */
async function asConsumer(ctx: Ctx, sql: string) {
  await ctx.sql(`SET ROLE ${CONSUMER_ROLE}`);
  const result = await ctx.sql(sql);
  await ctx.sql('RESET ROLE');
  return result;
}

function catalogEntries(domain: DomainName, rows: readonly Record<string, Cell>[]): CatalogEntry[] {
  return rows.map((r) => ({
    domain,
    table: str(r['product_table']),
    product: str(r['product']),
    version: Number(r['version']),
    owner: str(r['owner']),
    sloMs: Number(r['freshness_slo_ms']),
    publishedAt: r['published_at'] === null ? null : Number(r['published_at']),
  }));
}

export function policyFindings(domain: DomainName, rows: readonly Record<string, Cell>[]): PolicyFinding[] {
  return rows.map((r) => ({
    domain,
    table: `${str(r['table_schema'])}.${str(r['table_name'])}`,
    column: str(r['column_name']),
    type: str(r['type']),
  }));
}

const TABLES: Readonly<Record<DomainName, { readonly title: string; readonly sql: string }[]>> = {
  support: [
    {
      title: 'tickets (own, newest first)',
      sql: 'SELECT id, customer_id, requester_email, status, opened_at FROM support.tickets ORDER BY id DESC LIMIT 6',
    },
    { title: 'product tickets_v1 (newest first)', sql: 'SELECT * FROM support_products.tickets_v1 ORDER BY 1 DESC LIMIT 6' },
  ],
  billing: [
    {
      title: 'invoices (own, newest first)',
      sql: 'SELECT id, customer_id, amount_cents, issued_at FROM billing.invoices ORDER BY id DESC LIMIT 6',
    },
    { title: 'product customers_v1', sql: 'SELECT * FROM billing_products.customers_v1 ORDER BY 1 LIMIT 6' },
  ],
};

const CATALOG_VIEW = {
  title: 'mesh.products (the catalog)',
  sql: 'SELECT product_table AS version, owner, freshness_slo_ms AS slo_ms, published_at FROM mesh.products ORDER BY 1',
};

export function domain(name: DomainName, test: ContractTest = 'columns-and-types'): ServiceSpec<MeshLab, DomainName, DomainState> {
  const every = PUBLISH_EVERY_MS[name];
  return {
    label: name === 'support' ? 'Support domain (Postgres)' : 'Billing domain (Postgres)',
    role:
      name === 'support'
        ? `Owns tickets; publishes the product tickets every ${every} ms; its deploy pipeline ships the team’s changes`
        : `Owns accounts and invoices; publishes the products invoices and customers every ${every} ms`,
    database: { kind: 'postgres', setupSql: `${meshSql}\n${name === 'support' ? supportSql : billingSql}` },
    tables: [...TABLES[name], CATALOG_VIEW],
    initialState: () => ({ until: 0, publishing: false, leaked: false }),
    on: {
      'run-until'(ctx, m) {
        ctx.state.until = Math.max(ctx.state.until, m.until);
        if (ctx.state.publishing) return;
        ctx.state.publishing = true;
        ctx.setTimer(every, { type: 'publish' });
      },
      async publish(ctx) {
        await publish(ctx);
        if (ctx.now + every <= ctx.state.until) ctx.setTimer(every, { type: 'publish' });
        else ctx.state.publishing = false;
      },
      async 'open-ticket'(ctx, m) {
        await ctx.sql(
          `INSERT INTO support.tickets (id, customer_id, requester_email, subject, status, opened_at) SELECT ${sqlInt(m.ticketId)}, ${sqlInt(m.customerId)}, ${sqlText(EMAILS[m.customerId] ?? 'unknown@example.com')}, ${sqlText(m.subject)}, 'open', ${sqlInt(ctx.now)}`,
        );
      },
      async 'issue-invoice'(ctx, m) {
        await ctx.sql(
          `INSERT INTO billing.invoices (id, customer_id, amount_cents, issued_at) VALUES (${sqlInt(m.invoiceId)}, ${sqlInt(m.customerId)}, ${sqlInt(m.amountCents)}, ${sqlInt(ctx.now)})`,
        );
      },
      async change(ctx, m) {
        await deploy(ctx, m.change, test);
      },
      async 'contract-tests'(ctx, m) {
        await ctx.sql(`UPDATE mesh.settings SET contract_tests = ${m.on ? 'true' : 'false'}`);
      },
      async inspect(ctx) {
        const entries = catalogEntries(ctx.name, rowsOf(await ctx.sql(CATALOG_SQL)));
        const findings = policyFindings(ctx.name, rowsOf(await ctx.sql(POLICY_SQL)));
        ctx.send('platform', { type: 'catalog', domain: ctx.name, entries, findings });
      },
      async probe(ctx) {
        const rows: ProbeRow[] = [];
        for (const r of rowsOf(await ctx.sql(RELATIONS_SQL))) {
          const relation = str(r['relation']);
          const result = await asConsumer(ctx, `SELECT count(*) FROM ${relation}`);
          rows.push({
            relation,
            kind: r['product'] === true ? 'product' : 'internal',
            outcome: result.ok ? 'read' : 'denied',
            code: result.ok ? '' : (result.error.code ?? ''),
          });
        }
        ctx.send('platform', { type: 'probed', domain: ctx.name, rows });
      },
      async query(ctx, m) {
        const result = await asConsumer(ctx, m.query.sql);
        const rows = rowsOf(result).map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' || v === null ? v : String(v)])),
        );
        ctx.send('marketing', {
          type: 'answer',
          domain: ctx.name,
          query: m.query.id,
          rows,
          error: result.ok ? null : { code: result.error.code ?? '', message: result.error.message },
        });
      },
    },
  };
}
