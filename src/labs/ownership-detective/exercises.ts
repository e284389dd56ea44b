/**
 * The chapter's exercises. Each takes a query over `audit.write_log`, runs it on the reader's own month and
 * then on months the reader has not seen (replayed with other seeds), and compares it there with the truth
 * worked out here from that month's log. A query that only restates the reader's own month fails.
 */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseContext, ExerciseDefinition } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { answerRows, compareOwnership, compareSets, type Rows } from './answers.ts';
import { CLASSIFY_MONTHS, READ_ONLY_MONTHS, RUN_A_MONTH, TWO_WRITER_MONTHS, type HiddenMonth } from './hidden-months.ts';
import { MONOLITH } from './monolith.ts';
import { ownershipFromLog, readOnlyPairs, type LogRow } from './ownership.ts';
import { VARIANTS } from './variants.ts';

async function logOf(db: Database): Promise<LogRow[]> {
  const rows = await select(db, 'SELECT service, table_name, op FROM audit.write_log ORDER BY id');
  return rows.map((r) => ({ service: String(r['service']), table_name: String(r['table_name']), op: String(r['op']) }));
}

/** Says what is wrong with `rows` for a month whose log is `log`, or nothing when they agree. */
type Judge = (rows: Rows, log: readonly LogRow[]) => string | undefined;

interface Task {
  readonly months: readonly HiddenMonth[];
  readonly judge: Judge;
  readonly passed: string;
}

async function checkAnswer(ctx: ExerciseContext, task: Task): Promise<CheckResult> {
  const sql = ctx.answer?.trim() ?? '';
  if (sql === '') return { passed: false, message: 'Type a query over audit.write_log; it runs on the monolith.' };
  const ownLog = await logOf(requireDb(ctx.databases, MONOLITH));
  if (ownLog.length === 0)
    return { passed: false, message: 'The write log is still empty. Press “Run a month of work” and let the lab go quiet first.' };
  const own = await ctx.run(MONOLITH, sql);
  if (!own.ok) return { passed: false, message: `Postgres answered: ${own.error.message}` };
  const problem = task.judge(answerRows(own), ownLog);
  if (problem) return { passed: false, message: `On your own month, ${problem}.` };
  if (!ctx.replay)
    return { passed: false, message: 'This check replays the lab on months you have not seen, and this page cannot do that.' };
  for (const month of task.months) {
    const verdict = await ctx.replay(month.seed, RUN_A_MONTH, async (run) => {
      const db = requireDb(run.databases, MONOLITH);
      const result = await db.query(sql);
      if (!result.ok) return `your query failed there: ${result.error.message}`;
      return task.judge(answerRows(result), await logOf(db));
    });
    if (verdict) {
      return {
        passed: false,
        message: `On a month you have not seen (${storyOf(month.variant)}), ${verdict}. Ask the log, not your own month.`,
      };
    }
  }
  return { passed: true, message: task.passed };
}

/** The hidden month's story, told once the reader's query has gone wrong on it, so the miss makes sense. */
function storyOf(id: string): string {
  return VARIANTS.find((v) => v.id === id)?.story.replace(/\.$/, '') ?? id;
}

const twoWriters: ExerciseDefinition = {
  id: 'two-writers',
  title: 'Find the tables with exactly two writers',
  answer: { kind: 'sql', service: MONOLITH, placeholder: 'SELECT table_name FROM audit.write_log …' },
  check: (ctx) =>
    checkAnswer(ctx, {
      months: TWO_WRITER_MONTHS,
      judge: (rows, log) =>
        compareSets(
          rows.map((r) => String(r[0] ?? '')),
          ownershipFromLog(log)
            .filter((t) => t.writers.length === 2)
            .map((t) => t.table_name),
          'table',
        ),
      passed:
        'Right on your month and on two you never saw. Each of those tables has two services changing its rows: the case the next chapter resolves.',
    }),
};

const readsAreNotOwnership: ExerciseDefinition = {
  id: 'reads-are-not-ownership',
  title: 'List who reads a table without ever writing it',
  answer: { kind: 'sql', service: MONOLITH, placeholder: 'SELECT service, table_name FROM audit.write_log …' },
  check: (ctx) =>
    checkAnswer(ctx, {
      months: READ_ONLY_MONTHS,
      judge: (rows, log) =>
        compareSets(
          rows.map((r) => `${String(r[0] ?? '')} reads ${String(r[1] ?? '')}`),
          readOnlyPairs(log).map((p) => `${p.service} reads ${p.table_name}`),
          'pair',
        ),
      passed:
        'Right on your month and on two you never saw. Every pair is a read some service will have to get another way once the tables move: by asking the owner or by keeping a copy.',
    }),
};

const classifyEveryTable: ExerciseDefinition = {
  id: 'classify-every-table',
  title: 'Classify every table from the write log',
  answer: { kind: 'sql', service: MONOLITH, placeholder: 'SELECT table_name, … AS ownership, … AS owner FROM audit.write_log …' },
  check: (ctx) =>
    checkAnswer(ctx, {
      months: CLASSIFY_MONTHS,
      judge: (rows, log) => compareOwnership(rows, ownershipFromLog(log)),
      passed:
        'Your query classified all seven tables correctly on your month and on three months you never saw, including one where a table had no writer at all and one where a business table gained a third writer and stayed joint.',
    }),
};

export const exercises: readonly ExerciseDefinition[] = [twoWriters, readsAreNotOwnership, classifyEveryTable];
