/**
 * The warehouse's models, dbt-style: each one is a table, the SQL that rebuilds it, and the models it reads
 * (its dependencies). Data-quality tests belong to a model; each is a query returning the rows that fail it.
 * Every model rebuilds its table from its inputs at each run, so a late event lands in the right place at the
 * next run, wherever it falls in time.
 */
import { DAY_MS, MONTH_DAYS } from './settings.ts';

export interface QualityTest {
  readonly name: string;
  /** Returns the failing rows of silver.ticket_candidates (seq, ticket_id). */
  readonly failing: string;
}

export interface Model {
  readonly name: string;
  readonly dependsOn: readonly string[];
  /** Statements that rebuild the model's table from its inputs. */
  readonly sql: readonly string[];
  /** Run on the model's inputs before its statements; their failing rows are kept out of it. */
  readonly tests?: readonly QualityTest[];
}

/** How silver keeps one row per event: `dedup` is the lab's model, `keep-all` the tests' broken one. */
export type Dedup = 'dedup' | 'keep-all';

export const QUALITY_TESTS: readonly QualityTest[] = [
  {
    name: 'not_null_customer',
    failing: 'SELECT seq, ticket_id FROM silver.ticket_candidates WHERE customer_id IS NULL',
  },
  {
    name: 'known_customer',
    failing: `SELECT c.seq, c.ticket_id FROM silver.ticket_candidates c
WHERE c.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM silver.customer_versions v WHERE v.customer_id = c.customer_id)`,
  },
];

/** One row per event: an event delivered twice has one seq, and the first load of it is kept. */
const distinctOn = (dedup: Dedup) => (dedup === 'dedup' ? 'DISTINCT ON (seq)' : '');

export function models(dedup: Dedup = 'dedup'): readonly Model[] {
  return [
    {
      name: 'silver.customer_versions',
      dependsOn: ['bronze.change_events'],
      sql: [
        'DELETE FROM silver.customer_versions',
        `INSERT INTO silver.customer_versions (seq, customer_id, name, plan, valid_from)
SELECT ${distinctOn(dedup)} seq, entity_id, payload->>'name', payload->>'plan', happened_at
FROM bronze.change_events WHERE entity = 'customer' ORDER BY seq, load_id`,
      ],
    },
    {
      name: 'silver.ticket_candidates',
      dependsOn: ['bronze.change_events'],
      sql: [
        'DELETE FROM silver.ticket_candidates',
        `INSERT INTO silver.ticket_candidates (seq, ticket_id, customer_id, opened_at, recorded_at)
SELECT ${distinctOn(dedup)} seq, entity_id, (payload->>'customer_id')::int, happened_at, recorded_at
FROM bronze.change_events WHERE entity = 'ticket' ORDER BY seq, load_id`,
      ],
    },
    {
      name: 'silver.tickets',
      dependsOn: ['silver.ticket_candidates', 'silver.customer_versions'],
      tests: QUALITY_TESTS,
      sql: [
        'DELETE FROM silver.tickets',
        `INSERT INTO silver.tickets (ticket_id, seq, customer_id, opened_at, opened_day)
SELECT ticket_id, seq, customer_id, opened_at, opened_at / ${DAY_MS} FROM silver.ticket_candidates
WHERE seq NOT IN (SELECT seq FROM silver.rejected)`,
      ],
    },
    {
      name: 'gold.dim_date',
      dependsOn: [],
      sql: [
        'DELETE FROM gold.dim_date',
        `INSERT INTO gold.dim_date (date_key, day, label, week)
SELECT d + 1, d, 'day ' || (d + 1), d / 7 + 1 FROM generate_series(0, ${MONTH_DAYS - 1}) AS d`,
      ],
    },
    {
      name: 'gold.dim_customer',
      dependsOn: ['silver.customer_versions'],
      sql: [
        'DELETE FROM gold.dim_customer',
        // Type 2: each version is valid until the next one's valid_from; the last one is current.
        `INSERT INTO gold.dim_customer (customer_key, customer_id, name, plan, valid_from, valid_to, is_current)
SELECT row_number() OVER (ORDER BY customer_id, valid_from, seq), customer_id, name, plan, valid_from,
  lead(valid_from) OVER w, lead(valid_from) OVER w IS NULL
FROM silver.customer_versions WINDOW w AS (PARTITION BY customer_id ORDER BY valid_from, seq)`,
      ],
    },
    {
      name: 'gold.dim_customer_current',
      dependsOn: ['silver.customer_versions'],
      sql: [
        'DELETE FROM gold.dim_customer_current',
        // Type 1: only the newest version survives; every fact joined to it takes today's plan.
        `INSERT INTO gold.dim_customer_current (customer_id, name, plan)
SELECT DISTINCT ON (customer_id) customer_id, name, plan FROM silver.customer_versions ORDER BY customer_id, valid_from DESC, seq DESC`,
      ],
    },
    {
      name: 'gold.fct_tickets',
      dependsOn: ['silver.tickets', 'gold.dim_date', 'gold.dim_customer'],
      sql: [
        'DELETE FROM gold.fct_tickets',
        // Each ticket points at the customer's version in force when it was opened.
        `INSERT INTO gold.fct_tickets (ticket_id, date_key, customer_key, customer_id)
SELECT t.ticket_id, d.date_key, c.customer_key, t.customer_id FROM silver.tickets t
LEFT JOIN gold.dim_date d ON d.day = t.opened_day
LEFT JOIN gold.dim_customer c ON c.customer_id = t.customer_id AND c.valid_from <= t.opened_at AND (c.valid_to IS NULL OR t.opened_at < c.valid_to)`,
      ],
    },
    {
      name: 'gold.tickets_by_plan',
      dependsOn: ['gold.fct_tickets', 'gold.dim_customer', 'gold.dim_customer_current'],
      sql: [
        'DELETE FROM gold.tickets_by_plan',
        `INSERT INTO gold.tickets_by_plan (plan, type1, type2)
SELECT plan, sum(type1)::int, sum(type2)::int FROM (
  SELECT c.plan, 1 AS type1, 0 AS type2 FROM gold.fct_tickets f JOIN gold.dim_customer_current c USING (customer_id)
  UNION ALL
  SELECT c.plan, 0, 1 FROM gold.fct_tickets f JOIN gold.dim_customer c USING (customer_key)
) counted GROUP BY plan`,
      ],
    },
  ];
}

/**
 * The models in an order where each runs after every model it depends on (Kahn's algorithm; among the ready
 * ones, declaration order). Names outside the list, such as bronze tables, are sources: always ready.
 */
export function dependencyOrder(list: readonly Model[]): Model[] {
  const names = new Set(list.map((m) => m.name));
  const done = new Set<string>();
  const ordered: Model[] = [];
  while (ordered.length < list.length) {
    const ready = list.find((m) => !done.has(m.name) && m.dependsOn.every((d) => !names.has(d) || done.has(d)));
    if (!ready)
      throw new Error(
        `the models depend on each other in a cycle: ${list
          .filter((m) => !done.has(m.name))
          .map((m) => m.name)
          .join(', ')}`,
      );
    done.add(ready.name);
    ordered.push(ready);
  }
  return ordered;
}

/** By name, as a scheduler that lists a folder of SQL files would run them: gold before silver. */
export function alphabeticalOrder(list: readonly Model[]): Model[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One model as one transaction: its tests' failing rows into silver.rejected, its statements, and a record
 * of its rows and of the time it took, read from Postgres's own clock so that the SQL text (and the trace)
 * stays the same on every machine.
 */
export function modelSql(model: Model, run: number, position: number): string {
  const tests = (model.tests ?? []).map(
    (t) => `INSERT INTO silver.rejected (seq, ticket_id, test) SELECT seq, ticket_id, '${t.name}' FROM (${t.failing}) failing`,
  );
  return [
    'BEGIN;',
    "SELECT set_config('lab.started', clock_timestamp()::text, true);",
    ...(model.tests ? ['DELETE FROM silver.rejected;', ...tests.map((s) => `${s};`)] : []),
    ...model.sql.map((s) => `${s};`),
    `INSERT INTO meta.model_runs (run, position, model, rows, ms)
SELECT ${run}, ${position}, '${model.name}', (SELECT count(*) FROM ${model.name}),
  round((extract(epoch FROM clock_timestamp() - current_setting('lab.started')::timestamptz) * 1000)::numeric, 2);`,
    'COMMIT;',
  ].join('\n');
}
