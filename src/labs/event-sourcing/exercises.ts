/** The chapter's exercises, checked against the lab's real databases; two of them on runs the reader never saw. */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Cell } from '../engine/types.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { FOLD_SQL } from './fold-sql.ts';
import { TIME_TRAVEL_MOMENT } from './settings.ts';

const catchAConflict: ExerciseDefinition = {
  id: 'catch-a-conflict',
  title: 'Make two commands collide on the same version',
  async check(ctx) {
    const rows = await select(
      requireDb(ctx.databases, 'accounts'),
      'SELECT id, stream, kind, outcome, attempts FROM commands WHERE attempts > 1 ORDER BY decided_at, id LIMIT 1',
    );
    const first = rows[0];
    if (!first) {
      const [any] = await select(requireDb(ctx.databases, 'accounts'), 'SELECT count(*)::int AS n FROM commands');
      return {
        passed: false,
        message:
          Number(any?.['n']) === 0
            ? 'No command has reached the account service yet.'
            : `${String(any?.['n'])} commands so far, each decided and appended at its first attempt: none has collided yet.`,
      };
    }
    return {
      passed: true,
      message: `${String(first['id'])} (${String(first['kind'])} on ${String(first['stream'])}) found its version taken, was decided again on the newer state, and ended “${String(first['outcome'])}” after ${String(first['attempts'])} attempts.`,
    };
  },
};

const switchToV2: ExerciseDefinition = {
  id: 'switch-to-v2',
  title: 'Fix the summary by replaying it into a new table and switching over',
  async check(ctx) {
    const store = requireDb(ctx.databases, 'accounts');
    const projector = requireDb(ctx.databases, 'projector');
    const [old] = await select(store, 'SELECT count(*)::int AS n FROM events WHERE schema = 1');
    if (Number(old?.['n']) === 0)
      return {
        passed: false,
        message: 'No event in the store has the old shape yet, so summary_v1 is still right. Load the day of history first.',
      };
    const [view] = await select(projector, "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'account_summary'");
    if (!String(view?.['sql'] ?? '').includes('summary_v2'))
      return { passed: false, message: 'account_summary still reads summary_v1: readers see the wrong balances.' };
    const read = new Map(
      (await select(projector, 'SELECT account, balance_cents FROM account_summary')).map((r) => [
        String(r['account']),
        Number(r['balance_cents']),
      ]),
    );
    const wrong = (await select(store, FOLD_SQL)).filter((f) => read.get(String(f['stream'])) !== Number(f['balance_cents']));
    if (wrong.length > 0)
      return {
        passed: false,
        message: `account_summary reads summary_v2, but ${wrong.length} account${wrong.length === 1 ? ' differs' : 's differ'} from the events (${String(wrong[0]?.['stream'])}, for one): let the projector catch up.`,
      };
    return {
      passed: true,
      message: `account_summary reads summary_v2, rebuilt from position 0 through the upcaster, and all ${read.size} accounts equal the fold of their events, old deposits included.`,
    };
  },
};

/** Runs the reader never sees: other seeds give other amounts, and old-shape deposits arrive live too. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0xe5a1,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'load-history' } },
      { step: 0, input: { kind: 'fault', faultId: 'old-release', on: true } },
      { step: 0, input: { kind: 'action', actionId: 'rush' } },
      { step: 0, input: { kind: 'action', actionId: 'deposit-alice' } },
    ],
  },
  {
    seed: 0xe5a2,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'rush' } },
      { step: 10, input: { kind: 'fault', faultId: 'old-release', on: true } },
      { step: 20, input: { kind: 'action', actionId: 'load-history' } },
      { step: 30, input: { kind: 'action', actionId: 'withdraw-alice' } },
    ],
  },
];

const num = (c: Cell | undefined) => (c === null || c === undefined ? null : Number(c));

/**
 * Runs the reader's query on a hidden run's event store, with the state table and the snapshots emptied so
 * that the answer has to come from the events, and compares it row by row with `truthSql`.
 */
async function compareOnHiddenRun(
  run: HiddenRunView,
  sql: string,
  truthSql: string,
  columns: readonly string[],
): Promise<string | undefined> {
  const store = requireDb(run.databases, 'accounts');
  await select(store, 'DELETE FROM accounts; DELETE FROM snapshots;');
  const truth = await select(store, truthSql);
  const result = await store.query(sql);
  if (!result.ok) return `On a run you have not seen, Postgres refused your query: ${result.error.message}`;
  const answer = rowsOf(result);
  const missing = columns.filter((c) => answer.length > 0 && !(c in (answer[0] ?? {})));
  if (missing.length > 0) return `Your query must return the columns ${columns.join(', ')}; it has no ${missing.join(', ')}.`;
  const byStream = new Map(answer.map((r) => [String(r['stream']), r]));
  for (const t of truth) {
    const mine = byStream.get(String(t['stream']));
    if (!mine) return `On a run you have not seen, your query has no row for ${String(t['stream'])}.`;
    for (const c of columns.filter((col) => col !== 'stream'))
      if (num(mine[c]) !== num(t[c]))
        return `On a run you have not seen, your query says ${c} = ${String(mine[c])} for ${String(t['stream'])}; its events say ${String(t[c])}.`;
  }
  if (answer.length > truth.length) return `Your query returned ${answer.length} rows for ${truth.length} accounts.`;
  return undefined;
}

async function onHiddenRuns(
  ctx: Parameters<ExerciseDefinition['check']>[0],
  truthSql: string,
  columns: readonly string[],
  success: string,
): Promise<CheckResult> {
  const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
  if (sql === '') return { passed: false, message: 'Type one SELECT over events.' };
  if (!/\bevents\b/i.test(sql)) return { passed: false, message: 'Read the events table: it is the only source of truth here.' };
  if (!ctx.replay) return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
  for (const hidden of HIDDEN_RUNS) {
    const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => compareOnHiddenRun(run, sql, truthSql, columns));
    if (problem) return { passed: false, message: problem };
  }
  return { passed: true, message: success };
}

const foldAsSql: ExerciseDefinition = {
  id: 'fold-as-sql',
  title: 'Write the fold as SQL',
  answer: {
    kind: 'sql',
    service: 'accounts',
    placeholder: 'SELECT stream, … AS balance_cents, max(version) AS version FROM events GROUP BY stream',
  },
  check: (ctx) =>
    onHiddenRuns(
      ctx,
      FOLD_SQL,
      ['stream', 'balance_cents', 'version'],
      'On two runs you never saw, with deposits in both shapes and the state table and snapshots emptied, your fold gave every account’s balance and version exactly.',
    ),
};

/** The fold as of the moment the time-travel exercise asks about. */
export const TIME_TRAVEL_TRUTH = FOLD_SQL.replace(
  'FROM events) e',
  `FROM events WHERE recorded_at <= timestamptz '${TIME_TRAVEL_MOMENT}') e`,
);

const timeTravel: ExerciseDefinition = {
  id: 'time-travel',
  title: 'Every balance as it stood at 14:05 on 1 March',
  answer: {
    kind: 'sql',
    service: 'accounts',
    placeholder: 'SELECT stream, … AS balance_cents FROM events WHERE recorded_at <= … GROUP BY stream',
  },
  check: (ctx) =>
    onHiddenRuns(
      ctx,
      TIME_TRAVEL_TRUTH,
      ['stream', 'balance_cents'],
      'On two runs you never saw, your query gave every account’s balance as it stood at 14:05 UTC on 1 March, from the events alone.',
    ),
};

export const exercises: readonly ExerciseDefinition[] = [catchAConflict, switchToV2, foldAsSql, timeTravel];
