/**
 * The analytics store and the jobs that feed it, each writing its own tables:
 *
 * - the live stream job (Kappa's one job): pulls the change log after its offset and keeps a count per day;
 * - the Lambda speed layer: the same counters, by a second code path, corrected by the nightly batch;
 * - the nightly batch: copies every ticket and recomputes the report, then scores churn risk and pushes
 *   the scores to the customer service (reverse ETL);
 * - a replay, when new logic is deployed: the retained log from offset 0 into a new table, then a switch.
 */
import type { Cell } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import analyticsSql from './analytics.sql?raw';
import type { Change, Changes, Extracted, Feed, FeedsLab, Logic, Report, SyncMode } from './messages.ts';
import { batchSql } from './nightly.ts';
import { dayCountsOf, difference } from './queries.ts';
import { DAY_MS, FETCH_LIMIT, NIGHTLY_AFTER_MIDNIGHT_MS, POLL_INTERVAL_MS, REPLAY_BATCH, RESTART_DELAY_MS, dayOf } from './settings.ts';
import { offsetSql, planBatch, planSql, type JobState, type Plan } from './stream-job.ts';

/** `exactly-once` keeps counts and offset in one transaction and skips what it has seen; `naive` is the tests' broken job. */
export type StreamApply = 'exactly-once' | 'naive';

interface AnalyticsState {
  /** "table by path" pairs already recorded as facts, so each is recorded once. */
  wrote: string[];
  live: { down: boolean; outstanding: number | undefined; nextFetchId: number };
  /** A nightly run waiting for the speed layer to reach its cut-off before the two are compared. */
  night: { cutoff: number; cutoffPosition: number; tickets: number } | undefined;
  replay: { outstanding: number | undefined; startedAt: number; engineMs: number; changes: number } | undefined;
}

type Ctx = LabContext<FeedsLab, 'analytics', AnalyticsState>;

interface JobRow extends JobState {
  readonly job: string;
  readonly logic: Logic;
  readonly target: string;
}

const num = (c: Cell | undefined) => (c === null || c === undefined ? null : Number(c));

async function jobs(ctx: Ctx): Promise<Map<string, JobRow>> {
  const rows = rowsOf(await ctx.sql('SELECT job, logic, target, "offset", watermark, newest_at FROM stream_jobs'));
  return new Map(
    rows.map((r) => [
      String(r['job']),
      {
        job: String(r['job']),
        logic: r['logic'] === 'v2' ? 'v2' : 'v1',
        target: String(r['target']),
        offset: Number(r['offset']),
        watermark: num(r['watermark']),
        newestAt: num(r['newest_at']),
      },
    ]),
  );
}

function fetchLive(ctx: Ctx) {
  const live = ctx.state.live;
  const fetchId = live.nextFetchId++;
  live.outstanding = fetchId;
  return fetchId;
}

async function fetchNow(ctx: Ctx) {
  const live = (await jobs(ctx)).get('live');
  if (!live) return;
  ctx.send('tickets', { type: 'fetch', after: live.offset, limit: FETCH_LIMIT, purpose: 'live', fetchId: fetchLive(ctx) });
}

function recordLate(ctx: Ctx, table: string, plan: Plan) {
  for (const late of plan.late) ctx.fact({ kind: 'late', table, position: late.position, day: late.day, handled: late.handled });
  const dropped = plan.late.filter((l) => l.handled === 'dropped').length;
  if (dropped > 0) ctx.note(`${table}: ${dropped} change${dropped === 1 ? '' : 's'} arrived after their day had closed, dropped`);
}

/** The code that wrote a table: the stream job's planBatch (live, speed and replay alike) or the nightly SQL. */
function wrote(ctx: Ctx, table: string, path: 'stream-job.ts' | 'nightly.ts') {
  const key = `${table} by ${path}`;
  if (ctx.state.wrote.includes(key)) return;
  ctx.state.wrote.push(key);
  ctx.fact({ kind: 'wrote', table, path });
}

function crash(ctx: Ctx, offset: number) {
  ctx.state.live = { ...ctx.state.live, down: true, outstanding: undefined };
  ctx.fact({ kind: 'stream-crashed', offset });
  ctx.note(`stream job crashed; its supervisor restarts it in ${RESTART_DELAY_MS} ms`);
  ctx.setTimer(RESTART_DELAY_MS, { type: 'restart-stream' });
}

/** The live job and the speed layer take the same fetched batch, each by its own code and its own offset. */
async function applyLive(ctx: Ctx, apply: StreamApply, changes: readonly Change[]) {
  const all = await jobs(ctx);
  const live = all.get('live');
  const speed = all.get('speed');
  if (!live || !speed) return;
  const naive = apply === 'naive';
  const livePlan = planBatch(changes, live, { logic: live.logic, ignoreOffset: naive });
  const speedPlan = planBatch(changes, speed, { logic: 'v1', closedOnOpenedDay: ctx.isFaultOn('speed-layer-bug') });
  // The exactly-once job writes counts and offset in one transaction; the naive one leaves its offset for
  // a second transaction, after the point where a crash can strike, so a restart repeats the batch.
  const result = await ctx.sql(
    transaction([...planSql('live', live.target, livePlan, !naive), ...planSql('speed', 'speed_daily', speedPlan)]),
  );
  if (!result.ok) return;
  recordLate(ctx, live.target, livePlan);
  recordLate(ctx, 'speed_daily', speedPlan);
  wrote(ctx, live.target, 'stream-job.ts');
  wrote(ctx, 'speed_daily', 'stream-job.ts');
  if (ctx.isFaultOn('stream-crash') && changes.length > 0) {
    crash(ctx, naive ? live.offset : livePlan.state.offset);
    return false;
  }
  if (naive) await ctx.sql(offsetSql('live', livePlan.state));
  await compareWithSpeed(ctx);
  return true;
}

async function onLiveChanges(ctx: Ctx, apply: StreamApply, m: Changes) {
  const live = ctx.state.live;
  if (live.down) return;
  const current = m.fetchId === live.outstanding;
  if (current) live.outstanding = undefined;
  else ctx.note(`batch ${m.holds} delivered again`);
  if (m.changes.length > 0 && !(await applyLive(ctx, apply, m.changes))) return;
  if (!current) return;
  // A full batch means more is waiting; an empty one puts the job to sleep until the next commit wakes it.
  if (m.changes.length >= FETCH_LIMIT) await fetchNow(ctx);
  else if (m.changes.length > 0) ctx.setTimer(POLL_INTERVAL_MS, { type: 'poll' });
}

async function onReplayChanges(ctx: Ctx, m: Changes) {
  const replay = ctx.state.replay;
  if (replay?.outstanding !== m.fetchId) return;
  replay.outstanding = undefined;
  const job = (await jobs(ctx)).get('replay');
  if (!job) return;
  const plan = planBatch(m.changes, job, { logic: job.logic });
  const result = await ctx.sql(transaction(planSql('replay', job.target, plan)));
  if (!result.ok) return;
  replay.engineMs += result.durationMs;
  wrote(ctx, job.target, 'stream-job.ts');
  replay.changes += plan.applied;
  ctx.fact({ kind: 'replay-batch', changes: plan.applied, engineMs: result.durationMs });
  if (plan.state.offset < m.head) {
    ctx.setTimer(0, { type: 'replay-next' });
    return;
  }
  // Caught up with the head: the new table takes over, and the live job carries on from the replay's offset.
  const switched = await ctx.sql(
    transaction([
      `UPDATE serving SET tbl = ${sqlText(job.target)} WHERE report = 'stream'`,
      `UPDATE stream_jobs SET logic = ${sqlText(job.logic)}, target = ${sqlText(job.target)} WHERE job = 'live'`,
      offsetSql('live', plan.state),
      "DELETE FROM stream_jobs WHERE job = 'replay'",
    ]),
  );
  if (!switched.ok) return;
  const virtualMs = ctx.now - replay.startedAt;
  ctx.fact({ kind: 'replay-switched', changes: replay.changes, engineMs: replay.engineMs, virtualMs });
  ctx.note(
    `replay of ${replay.changes} changes done in ${Math.round(replay.engineMs)} ms of engine time: the stream report now reads ${job.target}`,
  );
  ctx.state.replay = undefined;
}

async function replayNext(ctx: Ctx) {
  const replay = ctx.state.replay;
  const job = (await jobs(ctx)).get('replay');
  if (!replay || !job) return;
  replay.outstanding = ctx.state.live.nextFetchId++;
  ctx.send('tickets', { type: 'fetch', after: job.offset, limit: REPLAY_BATCH, purpose: 'replay', fetchId: replay.outstanding });
}

async function deployV2(ctx: Ctx) {
  const all = await jobs(ctx);
  if (all.get('live')?.logic === 'v2' || all.has('replay') || ctx.state.replay) {
    ctx.note('logic v2 is already deployed or replaying');
    return;
  }
  const created = await ctx.sql(
    transaction(['DELETE FROM stream_v2', "INSERT INTO stream_jobs VALUES ('replay', 'v2', 'stream_v2', 0, NULL, NULL)"]),
  );
  if (!created.ok) return;
  ctx.state.replay = { outstanding: undefined, startedAt: ctx.now, engineMs: 0, changes: 0 };
  ctx.fact({ kind: 'replay-started', head: all.get('live')?.offset ?? 0 });
  ctx.note('deploying logic v2: replaying the change log from offset 0 into stream_v2 while v1 keeps serving');
  await replayNext(ctx);
}

async function onExtracted(ctx: Ctx, m: Extracted) {
  const batch = await ctx.sql(batchSql(m.tickets, m.cutoff, m.cutoffPosition));
  if (!batch.ok) return;
  wrote(ctx, 'batch_daily', 'nightly.ts');
  ctx.state.night = { cutoff: m.cutoff, cutoffPosition: m.cutoffPosition, tickets: m.tickets.length };
  await compareWithSpeed(ctx);
  await pushScores(ctx);
}

/**
 * Where the two paths of Lambda disagreed: the speed layer's counts against the batch's, for the days the
 * batch took over. Compared once the speed layer has read as far as the batch's cut-off, so that only the
 * two paths' logic differs, not how far each had read.
 */
async function compareWithSpeed(ctx: Ctx) {
  const night = ctx.state.night;
  const speed = (await jobs(ctx)).get('speed');
  if (!night || !speed || speed.offset < night.cutoffPosition) return;
  ctx.state.night = undefined;
  const cutoffDay = dayOf(night.cutoff);
  const before = dayCountsOf(rowsOf(await ctx.sql(`SELECT day, opened, closed FROM speed_daily WHERE day < ${sqlInt(cutoffDay)}`)));
  const after = dayCountsOf(rowsOf(await ctx.sql('SELECT day, opened, closed FROM batch_daily')));
  const corrected = difference(before, after, () => true);
  ctx.fact({
    kind: 'nightly',
    cutoff: night.cutoff,
    days: after.length,
    lambdaCellsCorrected: corrected.cells,
    lambdaCountCorrected: corrected.tickets,
    tickets: night.tickets,
  });
  ctx.note(
    `nightly batch: ${night.tickets} tickets copied, ${after.length} days recomputed; Lambda now serves them in place of the speed layer, which was off by ${corrected.tickets} on ${corrected.cells} figures`,
  );
}

/** Reverse ETL: the scores go back to the operational side, by whichever way the lab is set to. */
async function pushScores(ctx: Ctx) {
  const result = await ctx.sql(
    'SELECT (SELECT mode FROM sync_settings) AS mode, customer_id, score FROM churn_scores ORDER BY customer_id',
  );
  const rows = rowsOf(result);
  const mode = (rows[0]?.['mode'] ?? 'direct') as SyncMode;
  const scores = rows.map((r) => ({ customerId: Number(r['customer_id']), score: Number(r['score']) }));
  if (scores.length === 0) return;
  ctx.fact({ kind: 'scores-pushed', mode, customers: scores.length });
  ctx.send('customers', { type: 'scores', mode, scores });
}

async function report(ctx: Ctx, feed: Feed, sql: string, newestAt: number | null, logic?: Logic): Promise<Report> {
  return { feed, ...(logic ? { logic } : {}), days: dayCountsOf(rowsOf(await ctx.sql(sql))), newestAt };
}

async function readReports(ctx: Ctx, readId: number) {
  const all = await jobs(ctx);
  const live = all.get('live');
  const [batch] = rowsOf(await ctx.sql('SELECT newest_at FROM batch_state'));
  const reports = [
    await report(ctx, 'batch', 'SELECT day, opened, closed FROM batch_daily ORDER BY day', num(batch?.['newest_at'])),
    await report(
      ctx,
      'stream',
      `SELECT day, opened, closed FROM ${live?.target ?? 'stream_v1'} ORDER BY day`,
      live?.newestAt ?? null,
      live?.logic,
    ),
    await report(ctx, 'lambda', 'SELECT day, opened, closed FROM lambda_daily ORDER BY day', all.get('speed')?.newestAt ?? null),
  ];
  ctx.send('desk', { type: 'reports', readId, at: ctx.now, reports });
}

export function analytics(apply: StreamApply = 'exactly-once'): ServiceSpec<FeedsLab, 'analytics', AnalyticsState> {
  return {
    label: 'Analytics store (SQLite)',
    role: 'Fed four ways: a nightly batch, a change stream, Lambda (speed layer + nightly overwrite) and Kappa (replay to deploy); computes churn scores for reverse ETL',
    database: { kind: 'sqlite', setupSql: analyticsSql },
    tables: [
      {
        title: 'tickets opened/closed per day, feed by feed',
        sql: `SELECT d.day + 1 AS day, b.opened || '/' || b.closed AS batch, s.opened || '/' || s.closed AS stream_v1,
  k.opened || '/' || k.closed AS stream_v2, l.opened || '/' || l.closed AS lambda
FROM (SELECT day FROM batch_daily UNION SELECT day FROM stream_v1 UNION SELECT day FROM stream_v2 UNION SELECT day FROM lambda_daily) d
LEFT JOIN batch_daily b ON b.day = d.day LEFT JOIN stream_v1 s ON s.day = d.day LEFT JOIN stream_v2 k ON k.day = d.day
LEFT JOIN lambda_daily l ON l.day = d.day ORDER BY d.day`,
      },
      { title: 'stream_jobs', sql: 'SELECT job, logic, target, "offset", watermark FROM stream_jobs ORDER BY job' },
      { title: 'late_events', sql: 'SELECT tbl, position AS pos, day + 1 AS day, handled FROM late_events ORDER BY position DESC LIMIT 8' },
      { title: 'churn_scores', sql: 'SELECT customer_id AS customer, score FROM churn_scores ORDER BY customer_id' },
    ],
    initialState: () => ({ wrote: [], live: { down: false, outstanding: undefined, nextFetchId: 1 }, night: undefined, replay: undefined }),
    on: {
      'schedule-nights'(ctx, m) {
        for (let night = 1; night <= m.days; night++)
          ctx.setTimer(m.from + night * DAY_MS + NIGHTLY_AFTER_MIDNIGHT_MS - ctx.now, { type: 'nightly' });
      },
      async poll(ctx) {
        if (ctx.state.live.down || ctx.state.live.outstanding !== undefined) return;
        await fetchNow(ctx);
      },
      async changes(ctx, m) {
        if (m.purpose === 'replay') await onReplayChanges(ctx, m);
        else await onLiveChanges(ctx, apply, m);
      },
      nightly(ctx) {
        ctx.send('tickets', { type: 'extract' });
      },
      'run-nightly-now'(ctx) {
        ctx.send('tickets', { type: 'extract' });
      },
      extracted: onExtracted,
      async 'restart-stream'(ctx) {
        const live = (await jobs(ctx)).get('live');
        ctx.state.live = { ...ctx.state.live, down: false };
        ctx.fact({ kind: 'stream-resumed', offset: live?.offset ?? 0 });
        ctx.note(`stream job restarted: it resumes after offset ${live?.offset ?? 0}, where its last commit left it`);
        await fetchNow(ctx);
      },
      'deploy-v2': deployV2,
      'replay-next': replayNext,
      'read-reports': (ctx, m) => readReports(ctx, m.readId),
      async 'use-sync'(ctx, m) {
        await ctx.sql(`UPDATE sync_settings SET mode = ${sqlText(m.mode)}`);
        ctx.note(`reverse ETL now syncs by ${m.mode}`);
      },
    },
  };
}
