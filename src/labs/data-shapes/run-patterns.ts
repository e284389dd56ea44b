/**
 * Runs access patterns and records what each cost. A Postgres shape's plan is read by plan_summary (rows its
 * scans read, indexes used); the answer is kept as a digest of its rows, so that shapes answering the same
 * question can be compared. A timed run repeats each query and records the median engine time apart, since
 * it is the one figure that changes from machine to machine.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import { sqlText } from '../kit/service-sql.ts';
import type { Pattern, Shape, ShapesFact } from './messages.ts';
import { SIMILAR_TOPIC, type PatternQuery } from './patterns.ts';
import { TIMED_REPEATS } from './settings.ts';

/**
 * With a few hundred rows, Postgres rightly prefers to read a whole table over using an index. The patterns
 * run with sequential scans discouraged, so that each plan is the one the same query gets on a table large
 * enough for its indexes to matter; the chapter says so, and the console runs with the default.
 */
export const PLAN_AS_AT_SCALE = 'SET enable_seqscan = off;';

/** What a pattern runner needs of a service's context. */
export interface PatternContext {
  sql(text: string): Promise<QueryResult>;
  fact(fact: ShapesFact): void;
  note(text: string): void;
}

/** FNV-1a over the rows' JSON: a short, stable name for an answer. */
export function digest(rows: readonly (readonly Cell[])[]): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(rows)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

export interface Cost {
  readonly rowsRead: number;
  readonly statements: number;
  readonly queryChars: number;
  readonly rowsReturned: number;
  readonly access: string;
  readonly rows: readonly (readonly Cell[])[];
}

export function record(ctx: PatternContext, run: number, pattern: Pattern, shape: Shape, cost: Cost) {
  const sameCategory = pattern === 'most-similar' ? cost.rows.filter((r) => r.includes(SIMILAR_TOPIC)).length : undefined;
  ctx.fact({
    kind: 'pattern',
    run,
    pattern,
    shape,
    rowsRead: cost.rowsRead,
    statements: cost.statements,
    queryChars: cost.queryChars,
    rowsReturned: cost.rowsReturned,
    access: cost.access,
    answer: digest(cost.rows),
    ...(sameCategory === undefined ? {} : { sameCategory }),
  });
  ctx.note(
    `${shape}: ${pattern} returned ${cost.rowsReturned} row${cost.rowsReturned === 1 ? '' : 's'} after reading ${cost.rowsRead} in ${cost.statements} statement${cost.statements === 1 ? '' : 's'} (${cost.access})`,
  );
}

/** One Postgres pattern: its plan's cost and its rows, from one round trip. */
export async function runPostgresPattern(ctx: PatternContext, query: PatternQuery): Promise<Cost | undefined> {
  const result = await ctx.sql(
    `${PLAN_AS_AT_SCALE}\nSELECT rows_read, access FROM plan_summary(${sqlText(query.sql)});\n${query.sql};\nRESET enable_seqscan;`,
  );
  if (!result.ok) return undefined;
  const [summary, answer] = result.results.filter((r) => r.command === 'SELECT');
  const [rowsRead, access] = summary?.rows[0] ?? [];
  return {
    rowsRead: Number(rowsRead ?? 0),
    statements: 1,
    queryChars: query.sql.length,
    rowsReturned: answer?.rows.length ?? 0,
    access: String(access ?? ''),
    rows: answer?.rows ?? [],
  };
}

/** The median engine time of a procedure over TIMED_REPEATS runs: the sum of its statements' times. */
export async function timeOf(run: () => Promise<readonly QueryResult[]>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < TIMED_REPEATS; i++) {
    const results = await run();
    times.push(results.reduce((sum, r) => sum + r.durationMs, 0));
  }
  return Math.round(median(times) * 100) / 100;
}

export async function runPostgresPatterns(ctx: PatternContext, queries: readonly PatternQuery[], run: number, timed: boolean) {
  for (const query of queries) {
    if (timed) {
      const engineMs = await timeOf(async () => [await ctx.sql(`${PLAN_AS_AT_SCALE}\n${query.sql};\nRESET enable_seqscan;`)]);
      ctx.fact({ kind: 'timed', pattern: query.pattern, shape: query.shape, engineMs });
      continue;
    }
    const cost = await runPostgresPattern(ctx, query);
    if (cost) record(ctx, run, query.pattern, query.shape, cost);
  }
}
