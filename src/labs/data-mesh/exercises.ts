/** The chapter's exercises, checked against the lab's real databases (and, for the policy query, on catalogs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { contractBreachesSql, POLICY_SQL } from './catalog-sql.ts';
import { hiddenCatalogSql } from './hidden-catalogs.ts';
import { DOMAINS } from './messages.ts';

/** The products the lab itself publishes; a product from the template is any other. */
const LAB_PRODUCTS = ['tickets_v1', 'tickets_v2', 'invoices_v1', 'invoices_v2', 'customers_v1', 'payers_v1'];

const publishFromTemplate: ExerciseDefinition = {
  id: 'publish-from-template',
  title: 'Publish a new product from the template',
  async check(ctx) {
    const problems: string[] = [];
    for (const d of DOMAINS) {
      const db = requireDb(ctx.databases, d);
      const mine = (
        await select(db, "SELECT product_schema, product_table, owner, freshness_slo_ms FROM mesh.products WHERE status = 'served'")
      ).filter((p) => !LAB_PRODUCTS.includes(String(p['product_table'])));
      for (const p of mine) {
        const table = `${String(p['product_schema'])}.${String(p['product_table'])}`;
        const breaches = (await select(db, contractBreachesSql())).filter((b) => b['product_table'] === p['product_table']);
        const unmasked = (await select(db, POLICY_SQL)).filter((f) => f['table_name'] === p['product_table']);
        const [grant] = await select(db, `SELECT has_table_privilege('marketing', '${table}', 'SELECT') AS granted`);
        const [count] = await select(db, `SELECT count(*)::int AS n FROM ${table}`);
        const found: string[] = [];
        if (breaches.length > 0)
          found.push(`it no longer matches its contract (${breaches.map((b) => String(b['column_name'])).join(', ')})`);
        if (unmasked.length > 0)
          found.push(`${unmasked.map((f) => String(f['column_name'])).join(', ')} is personal and not mesh.masked_text`);
        if (grant?.['granted'] !== true) found.push('marketing is not granted it');
        if (Number(count?.['n']) === 0) found.push('it has no rows yet: run the workload so the publishing job fills it');
        if (found.length === 0)
          return {
            passed: true,
            message: `${table} is in ${d}’s catalog, owned by ${String(p['owner'])} with a freshness objective of ${String(p['freshness_slo_ms'])} ms; it matches its contract, masks its personal columns, and marketing can read its ${String(count?.['n'])} rows.`,
          };
        problems.push(`${table}: ${found.join('; ')}`);
      }
    }
    return {
      passed: false,
      message:
        problems.length > 0
          ? `Not yet. ${problems.join('. ')}.`
          : 'No product of your own is registered yet: create its table, then call mesh.register_product.',
    };
  },
};

const evolveWithoutBreaking: ExerciseDefinition = {
  id: 'evolve-without-breaking',
  title: 'Give tickets an account_id without breaking marketing',
  async check(ctx) {
    const support = requireDb(ctx.databases, 'support');
    const versions = await select(
      support,
      `SELECT p.product_table, p.published_at, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = p.product_schema AND c.table_name = p.product_table AND c.column_name = 'account_id') AS has_account
FROM mesh.products p WHERE p.product = 'tickets' AND p.status = 'served' ORDER BY p.version`,
    );
    const breaches = (await select(support, contractBreachesSql())).filter((b) => String(b['product_table']).startsWith('tickets'));
    const failed = await select(
      requireDb(ctx.databases, 'marketing'),
      "SELECT detail FROM query_log WHERE domain = 'support' AND outcome = 'failed' LIMIT 1",
    );
    const [ok] = await select(
      requireDb(ctx.databases, 'marketing'),
      "SELECT count(*) AS n FROM query_log WHERE domain = 'support' AND outcome = 'ok'",
    );
    if (breaches.length > 0)
      return {
        passed: false,
        message: `A served version of tickets broke its contract: ${breaches.map((b) => `${String(b['product_table'])}.${String(b['column_name'])}`).join(', ')}. Reset and try again.`,
      };
    if (failed[0])
      return { passed: false, message: `Marketing’s query on Support failed: ${String(failed[0]['detail'])}. Reset and try again.` };
    const v1 = versions.find((v) => v['product_table'] === 'tickets_v1');
    const newer = versions.find((v) => v['product_table'] !== 'tickets_v1' && v['has_account'] === true);
    if (!v1) return { passed: false, message: 'tickets_v1 is no longer served: marketing still depends on it.' };
    if (!newer) return { passed: false, message: 'No newer version of tickets with an account_id column is served yet.' };
    if (newer['published_at'] === null || Number(ok?.['n']) === 0)
      return {
        passed: false,
        message: `${String(newer['product_table'])} is registered; run the workload so it is published and marketing keeps querying.`,
      };
    return {
      passed: true,
      message: `${String(newer['product_table'])} serves account_id beside tickets_v1, which keeps its contract; marketing ran ${String(ok?.['n'])} queries on Support and none failed.`,
    };
  },
};

/** Runs the reader never sees: other seeds, the unmasked-email fault on in one of them. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  { seed: 0xd41, inputs: [{ step: 0, input: { kind: 'action', actionId: 'run' } }] },
  {
    seed: 0xd42,
    inputs: [
      { step: 0, input: { kind: 'fault', faultId: 'unmasked-email', on: true } },
      { step: 0, input: { kind: 'action', actionId: 'run' } },
    ],
  },
];

const key = (r: Record<string, unknown>) => `${String(r['table_schema'])}.${String(r['table_name'])}.${String(r['column_name'])}`;

async function tryPolicyQuery(run: HiddenRunView, sql: string, seed: number): Promise<string | undefined> {
  for (const d of DOMAINS) {
    const db: Database = requireDb(run.databases, d);
    await select(db, hiddenCatalogSql(d, seed));
    const theirs = await db.query(sql);
    if (!theirs.ok)
      return `In a catalog you have not seen, Postgres refused your query: ${theirs.error.code ?? ''} ${theirs.error.message}`;
    const last = theirs.results.at(-1);
    const names = last?.fields.map((f) => f.name) ?? [];
    if (!['table_schema', 'table_name', 'column_name'].every((n) => names.includes(n)))
      return 'Return the columns table_schema, table_name and column_name, one row per unmasked personal column.';
    const got = new Set((last?.rows ?? []).map((row) => key(Object.fromEntries(names.map((n, i) => [n, row[i]])))));
    const want = new Set((await select(db, POLICY_SQL)).map(key));
    const missed = [...want].filter((k) => !got.has(k));
    const extra = [...got].filter((k) => !want.has(k));
    if (missed.length > 0)
      return `In ${d}’s catalog on a run you have not seen, your query missed ${missed[0]}${missed.length > 1 ? ` and ${missed.length - 1} more` : ''}.`;
    if (extra.length > 0)
      return `In ${d}’s catalog on a run you have not seen, your query flagged ${extra[0]}, which the policy does not cover or which is masked.`;
  }
  return undefined;
}

const findUnmasked: ExerciseDefinition = {
  id: 'find-unmasked',
  title: 'Write the federated policy check',
  answer: {
    kind: 'sql',
    service: 'billing',
    placeholder: 'SELECT table_schema, table_name, column_name FROM information_schema.columns WHERE …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
    if (sql === '') return { passed: false, message: 'Type one query that lists the unmasked personal columns of every product.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check runs your query on catalogs you have not seen, and this page cannot do that.' };
    for (const [i, hidden] of HIDDEN_RUNS.entries()) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => tryPolicyQuery(run, sql, hidden.seed + i));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'On four catalogs you never saw (two runs, both domains), your query found every unmasked personal column of every product and flagged nothing else.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [publishFromTemplate, evolveWithoutBreaking, findUnmasked];
