/** The chapter's exercises, checked against the lab's real databases (and, for the aggregate, on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import { sqlInt, transaction } from '../kit/service-sql.ts';
import { hasOvertaking as overtakes, unrulyStream as unruly } from '../kit/unruly-stream.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { Change } from './messages.ts';
import { changeOf, changesSql, dayCountsOf, truthSql } from './queries.ts';
import { dayOf } from './settings.ts';

/** Every day up to the present, from the ticket service: the truth a report is held against. */
const TRUTH_NOW = truthSql(Number.MAX_SAFE_INTEGER);

const show = (c: { opened: number; closed: number } | undefined) => (c ? `${c.opened} opened / ${c.closed} closed` : 'nothing');

const catchTheDisagreement: ExerciseDefinition = {
  id: 'catch-lambda-disagreeing',
  title: 'Catch Lambda’s two code paths disagreeing',
  async check(ctx) {
    const analytics = requireDb(ctx.databases, 'analytics');
    const [state] = await select(analytics, 'SELECT cutoff FROM batch_state');
    if (state?.['cutoff'] === null || state?.['cutoff'] === undefined)
      return { passed: false, message: 'No nightly batch has run yet, so there is only one path to look at.' };
    const cutoffDay = dayOf(Number(state['cutoff']));
    const [row] = await select(
      analytics,
      `SELECT b.day, b.opened AS b_opened, b.closed AS b_closed, coalesce(s.opened, 0) AS s_opened, coalesce(s.closed, 0) AS s_closed
FROM batch_daily b LEFT JOIN speed_daily s ON s.day = b.day
WHERE b.day < ${sqlInt(cutoffDay)} AND (b.opened <> coalesce(s.opened, 0) OR b.closed <> coalesce(s.closed, 0)) ORDER BY b.day LIMIT 1`,
    );
    if (!row)
      return {
        passed: false,
        message: `For every day the batch covers, speed_daily and batch_daily agree. Inject the bug, or let a late event go by, and wait for the next night.`,
      };
    return {
      passed: true,
      message: `Day ${Number(row['day']) + 1}: the speed layer says ${String(row['s_opened'])} opened / ${String(row['s_closed'])} closed, the batch ${String(row['b_opened'])} / ${String(row['b_closed'])}. lambda_daily now serves the batch's figure; until the night came, readers saw the other one.`,
    };
  },
};

const replayToV2: ExerciseDefinition = {
  id: 'replay-to-v2',
  title: 'Deploy logic v2 by replay, and get the stream report right',
  async check(ctx) {
    const analytics = requireDb(ctx.databases, 'analytics');
    const [serving] = await select(analytics, "SELECT tbl FROM serving WHERE report = 'stream'");
    if (serving?.['tbl'] !== 'stream_v2')
      return {
        passed: false,
        message: 'The stream report still reads stream_v1: v2 has not been deployed, or its replay has not caught up yet.',
      };
    const [restated] = await select(analytics, "SELECT count(*) AS n FROM late_events WHERE tbl = 'stream_v2' AND handled = 'restated'");
    if (Number(restated?.['n']) === 0)
      return {
        passed: false,
        message: 'stream_v2 serves, but no late event has reached it yet: run the days with the late-events fault on.',
      };
    const truth = new Map(dayCountsOf(await select(requireDb(ctx.databases, 'tickets'), TRUTH_NOW)).map((c) => [c.day, c]));
    const table = new Map(dayCountsOf(await select(analytics, 'SELECT day, opened, closed FROM stream_v2')).map((c) => [c.day, c]));
    const wrong = [...truth.keys()].find((day) => show(truth.get(day)) !== show(table.get(day)));
    if (wrong !== undefined)
      return {
        passed: false,
        message: `Day ${wrong + 1}: stream_v2 has ${show(table.get(wrong))}, the ticket service ${show(truth.get(wrong))}. Let the lab run until it is quiet.`,
      };
    return {
      passed: true,
      message: `stream_v2 serves and equals the ticket service on all ${truth.size} days, ${String(restated?.['n'])} late events included; stream_v1 still shows what v1 dropped.`,
    };
  },
};

const oneWriter: ExerciseDefinition = {
  id: 'score-with-one-writer',
  title: 'Give the churn score a home that keeps one writer per table',
  async check(ctx) {
    const customers = requireDb(ctx.databases, 'customers');
    const [scores] = await select(
      customers,
      'SELECT (SELECT count(*) FROM pipeline_churn_scores)::int AS owned, (SELECT count(*) FROM churn_scores)::int AS api',
    );
    const owned = Number(scores?.['owned']);
    const api = Number(scores?.['api']);
    if (owned + api === 0)
      return {
        passed: false,
        message: 'No score has reached pipeline_churn_scores or churn_scores yet: choose a sync mode, then let a nightly batch run.',
      };
    const shared = await select(
      customers,
      "SELECT table_name, string_agg(writer, ', ') AS writers FROM table_writers GROUP BY table_name HAVING count(*) > 1",
    );
    if (shared[0])
      return {
        passed: false,
        message: `${String(shared[0]['table_name'])} has been written by ${String(shared[0]['writers'])}. Reset, choose the sync mode before the first night, and run again.`,
      };
    return {
      passed: true,
      message: `${owned > 0 ? `${owned} scores in pipeline_churn_scores, written by the pipeline alone` : `${api} scores in churn_scores, written by the customer service behind its API`}; every table has one writer.`,
    };
  },
};

/** Runs the reader never sees: other seeds, with late closures. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0xfeed1,
    inputs: [
      { step: 0, input: { kind: 'fault', faultId: 'late-events', on: true } },
      { step: 0, input: { kind: 'action', actionId: 'run-days' } },
    ],
  },
  {
    seed: 0xfeed2,
    inputs: [
      { step: 0, input: { kind: 'fault', faultId: 'late-events', on: true } },
      { step: 0, input: { kind: 'action', actionId: 'run-days' } },
    ],
  },
];

/** The hidden streams: batches of up to five changes, some overtaken, some redelivered up to a dozen batches later. */
export const unrulyStream = (changes: readonly Change[], seed: number) => unruly(changes, seed, { maxBatch: 5, maxRedeliveryGap: 11 });

/** True when a batch of older changes is delivered after a newer one: the case an offset-only aggregate gets wrong. */
export const hasOvertaking = (stream: readonly (readonly Change[])[]) =>
  overtakes(
    stream.map((batch) => batch.map((c) => ({ version: c.position }))),
    () => 'log',
  );

function stageSql(batch: readonly Change[]): string[] {
  return [
    'DELETE FROM incoming',
    `INSERT OR IGNORE INTO incoming (position, ticket_id, kind, happened_at, recorded_at) VALUES ${batch.map((c) => `(${sqlInt(c.position)}, ${sqlInt(c.ticketId)}, '${c.kind}', ${sqlInt(c.happenedAt)}, ${sqlInt(c.recordedAt)})`).join(', ')}`,
  ];
}

async function tryAggregate(run: HiddenRunView, sql: string, seed: number): Promise<string | undefined> {
  const analytics = requireDb(run.databases, 'analytics');
  const changes = (await select(requireDb(run.databases, 'tickets'), changesSql(0, 1_000_000))).map(changeOf);
  await select(analytics, 'DELETE FROM daily_counts; DELETE FROM seen_positions;');
  for (const batch of unrulyStream(changes, seed)) {
    const result = await analytics.query(transaction([...stageSql(batch), sql]));
    if (!result.ok) return `On a run you have not seen, SQLite refused your statements: ${result.error.message}`;
  }
  const truth = dayCountsOf(await select(requireDb(run.databases, 'tickets'), TRUTH_NOW));
  const table = new Map(dayCountsOf(await select(analytics, 'SELECT day, opened, closed FROM daily_counts')).map((c) => [c.day, c]));
  const late = changes.filter((c) => dayOf(c.recordedAt) !== dayOf(c.happenedAt)).length;
  const wrong = truth.find((t) => show(t) !== show(table.get(t.day)));
  if (!wrong) return undefined;
  return `On a run you have not seen (${changes.length} changes, ${late} recorded on a later day than they happened, batches repeated and overtaken), day ${wrong.day + 1} came out as ${show(table.get(wrong.day))}; the ticket service says ${show(wrong)}.`;
}

const writeTheAggregate: ExerciseDefinition = {
  id: 'write-the-aggregate',
  title: 'Write an incremental aggregate that survives redelivery and late events',
  answer: {
    kind: 'sql',
    service: 'analytics',
    placeholder:
      'INSERT INTO daily_counts (day, opened, closed) SELECT … FROM incoming WHERE … ON CONFLICT (day) DO UPDATE …;\nINSERT OR IGNORE INTO seen_positions …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type the statements that fold the rows of incoming into daily_counts.' };
    if (!/\bincoming\b/i.test(sql) || !/\bdaily_counts\b/i.test(sql))
      return { passed: false, message: 'Read the batch from incoming and write the counts into daily_counts.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const [i, hidden] of HIDDEN_RUNS.entries()) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => tryAggregate(run, sql, hidden.seed + i));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'On two runs you never saw, with batches delivered twice and out of order and closures recorded days late, daily_counts equalled the ticket service on every day.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchTheDisagreement, replayToV2, oneWriter, writeTheAggregate];
