/**
 * The warehouse: one Postgres instance with bronze, silver and gold schemas. Change events are appended to
 * bronze as they arrive, duplicates and all. At each scheduled run a small dbt-like runner rebuilds silver
 * and gold, one model per transaction, in dependency order (or, with the fault on, by name); then it reads
 * "tickets by plan" through both customer dimensions and asks the operational service for the truth.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ChangeEvent, PlanCounts, RunOrder, WarehouseLab } from './messages.ts';
import { buildLayoutsSql, explainSql, LAYOUT_ROWS, pagesRead, SIZES_SQL } from './layouts.ts';
import { alphabeticalOrder, dependencyOrder, modelSql, models, type Dedup } from './models.ts';
import { offBy, planCountsOf, showCounts } from './queries.ts';
import { DAY_MS, RUN_AFTER_DAYS, RUN_AFTER_MIDNIGHT_MS } from './settings.ts';
import warehouseSql from './warehouse.sql?raw';

interface WarehouseState {
  /** Reports read at a run, waiting for the operational truth of the same moment. */
  pending: { run: number; at: number; type1: PlanCounts; type2: PlanCounts }[];
}

type Ctx = LabContext<WarehouseLab, 'warehouse', WarehouseState>;

function loadSql(events: readonly ChangeEvent[], now: number): string {
  const values = events.map(
    (e) =>
      `(${sqlInt(e.seq)}, ${sqlText(e.entity)}, ${sqlInt(e.entityId)}, ${sqlText(e.payload)}::jsonb, ${sqlInt(e.happenedAt)}, ${sqlInt(e.recordedAt)}, ${sqlInt(now)})`,
  );
  return `INSERT INTO bronze.change_events (seq, entity, entity_id, payload, happened_at, recorded_at, loaded_at) VALUES ${values.join(', ')}`;
}

async function runModels(ctx: Ctx, dedup: Dedup) {
  const order: RunOrder = ctx.isFaultOn('models-out-of-order') ? 'alphabetical' : 'dependencies';
  const list = models(dedup);
  const ordered = order === 'alphabetical' ? alphabeticalOrder(list) : dependencyOrder(list);
  const [head] = rowsOf(
    await ctx.sql(
      'SELECT (SELECT coalesce(max(run), 0) + 1 FROM meta.runs) AS run, count(*)::int AS rows, count(DISTINCT seq)::int AS events, coalesce(max(load_id), 0) AS upto FROM bronze.change_events',
    ),
  );
  const run = Number(head?.['run'] ?? 1);
  let failed: string | null = null;
  for (const [i, model] of ordered.entries()) {
    const result = await ctx.sql(modelSql(model, run, i + 1));
    if (!result.ok) {
      // As dbt does, a failed model stops the run: what depends on it keeps its previous contents.
      failed = model.name;
      ctx.note(`run ${run}: ${model.name} failed (${result.error.code}: ${result.error.message}); the run stops there`);
      break;
    }
  }
  const names = ordered.map((m) => m.name);
  await ctx.sql(
    `INSERT INTO meta.runs (run, loaded_upto, run_order, failed) VALUES (${sqlInt(run)}, ${sqlInt(Number(head?.['upto'] ?? 0))}, ${sqlText(names.join(' → '))}, ${failed === null ? 'NULL' : sqlText(failed)})`,
  );
  const bronzeRows = Number(head?.['rows'] ?? 0);
  const distinctEvents = Number(head?.['events'] ?? 0);
  ctx.fact({ kind: 'run', run, at: ctx.now, order: names, failed, bronzeRows, distinctEvents });
  for (const row of rowsOf(await ctx.sql(`SELECT position, model, rows FROM meta.model_runs WHERE run = ${sqlInt(run)} ORDER BY position`)))
    ctx.fact({ kind: 'model', run, position: Number(row['position']), model: String(row['model']), rows: Number(row['rows']) });
  const rejected = rowsOf(await ctx.sql('SELECT test, count(*)::int AS failing FROM silver.rejected GROUP BY test ORDER BY test'));
  for (const t of ['not_null_customer', 'known_customer'])
    ctx.fact({ kind: 'test', run, test: t, failing: Number(rejected.find((r) => r['test'] === t)?.['failing'] ?? 0) });
  const report = rowsOf(await ctx.sql('SELECT plan, type1, type2 FROM gold.tickets_by_plan ORDER BY plan'));
  ctx.state.pending.push({ run, at: ctx.now, type1: planCountsOf(report, 'type1'), type2: planCountsOf(report, 'type2') });
  ctx.note(
    `run ${run} (${order === 'alphabetical' ? 'by name' : 'in dependency order'}): ${failed === null ? ordered.length : names.indexOf(failed)} of ${ordered.length} models built; ${bronzeRows - distinctEvents} duplicate${bronzeRows - distinctEvents === 1 ? '' : 's'} removed; ${rejected.reduce((s, r) => s + Number(r['failing']), 0)} rows rejected by tests`,
  );
  ctx.send('ops', { type: 'truth', run, asOf: ctx.now });
}

/** Builds the two layouts, reads one column from each, and records what Postgres says it touched. */
async function compareLayouts(ctx: Ctx) {
  if (!(await ctx.sql(buildLayoutsSql)).ok) return;
  const pages = async (table: string) => {
    const result = await ctx.sql(explainSql(table));
    return result.ok ? pagesRead((result.results.at(-1)?.rows ?? []).map((r) => r[0] ?? null)) : 0;
  };
  const rowPages = await pages('layout.tickets_row');
  const columnPages = await pages('layout.col_plan');
  const [sizes] = rowsOf(await ctx.sql(SIZES_SQL));
  ctx.fact({
    kind: 'layout',
    rows: LAYOUT_ROWS,
    rowPages,
    columnPages,
    rowBytes: Number(sizes?.['row_bytes'] ?? 0),
    planColumnBytes: Number(sizes?.['plan_bytes'] ?? 0),
    allColumnsBytes: Number(sizes?.['columns_bytes'] ?? 0),
  });
  ctx.note(
    `count by plan over ${LAYOUT_ROWS.toLocaleString('en')} tickets: ${rowPages} pages read from the wide rows, ${columnPages} from the plan column alone`,
  );
}

export function warehouse(dedup: Dedup = 'dedup'): ServiceSpec<WarehouseLab, 'warehouse', WarehouseState> {
  return {
    label: 'Warehouse (Postgres: bronze, silver, gold)',
    role: 'Appends change events to bronze; a dbt-like runner rebuilds silver (deduplicated, tested) and gold (a star schema) in dependency order',
    database: { kind: 'postgres', setupSql: warehouseSql },
    tables: [
      {
        title: 'gold.tickets_by_plan (type 1 vs type 2)',
        sql: 'SELECT plan, type1, type2 FROM gold.tickets_by_plan ORDER BY plan',
      },
      {
        title: 'gold.dim_customer (type 2, changed customers)',
        sql: `SELECT customer_key AS key, customer_id AS id, plan, valid_from, valid_to, is_current AS current FROM gold.dim_customer
WHERE customer_id IN (SELECT customer_id FROM gold.dim_customer GROUP BY 1 HAVING count(*) > 1) ORDER BY customer_id, valid_from`,
      },
      {
        title: 'meta.model_runs (last run; ms measured by Postgres)',
        sql: 'SELECT position AS "#", model, rows, ms FROM meta.model_runs WHERE run = (SELECT max(run) FROM meta.runs) ORDER BY position',
      },
      {
        title: 'silver.rejected',
        sql: 'SELECT seq, ticket_id, test FROM silver.rejected ORDER BY seq',
      },
      {
        title: 'bronze.change_events (newest first)',
        sql: 'SELECT load_id, seq, entity, entity_id AS id, happened_at, loaded_at FROM bronze.change_events ORDER BY load_id DESC LIMIT 8',
      },
    ],
    initialState: () => ({ pending: [] }),
    on: {
      'schedule-runs'(ctx, m) {
        for (const day of RUN_AFTER_DAYS) ctx.setTimer(m.from + day * DAY_MS + RUN_AFTER_MIDNIGHT_MS - ctx.now, { type: 'run-models' });
      },
      async load(ctx, m) {
        await ctx.sql(loadSql(m.events, ctx.now));
      },
      'run-models': (ctx) => runModels(ctx, dedup),
      'compare-layouts': compareLayouts,
      'truth-is'(ctx, m) {
        const read = ctx.state.pending.find((p) => p.run === m.run);
        if (!read) return;
        ctx.state.pending = ctx.state.pending.filter((p) => p !== read);
        ctx.fact({ kind: 'report', run: m.run, at: read.at, truth: m.truth, type1: read.type1, type2: read.type2 });
        ctx.note(
          `run ${m.run}, tickets by plan: truth ${showCounts(m.truth)}; type 1 ${showCounts(read.type1)} (off by ${offBy(read.type1, m.truth)}); type 2 ${showCounts(read.type2)} (off by ${offBy(read.type2, m.truth)})`,
        );
      },
    },
  };
}
