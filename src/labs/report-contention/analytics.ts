/**
 * The analytics store (SQLite) and its copy job. The store answers the reporting service on its own
 * connection. The copy job is a periodic extract-transform-load: it asks monolith B for every change after
 * its watermark (extract and transform happen in that one query), then upserts the wide rows and moves the
 * watermark in one local transaction (load). The watermark lives in the store, so a crash loses nothing.
 *
 * A real scheduler would run the job around the clock. Here the ticket app tells the scheduler how long its
 * workload lasts, and the job stops once that window is over and a pass finds nothing left, so that the lab
 * can go quiet. "Run the copy job now" starts a pass by hand.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { TableView } from '../sim/types.ts';
import { arrive, free, newConnection, type ConnectionHooks, type ConnectionState } from './connection.ts';
import type { EngineClock } from './engine-clock.ts';
import {
  isRequester,
  MONOLITH_B,
  type ExtractRequest,
  type FactRow,
  type Freshness,
  type Reply,
  type ReportContention,
} from './messages.ts';
import { ANALYTICS_FRESHNESS_SQL, ANALYTICS_REPORT_SQL, loadSql, WATERMARK_SQL, type Watermark } from './queries.ts';
import { COPY_BATCH, COPY_INTERVAL_MS } from './settings.ts';

interface LoadPayload {
  readonly facts: readonly FactRow[];
  readonly checkedSeq: number;
}

type Payload = { readonly type: 'report' } | ({ readonly type: 'load' } & LoadPayload);

interface Outcome {
  readonly rows?: number;
  readonly freshness?: Freshness;
}

interface AnalyticsState {
  readonly conn: ConnectionState<Payload, Outcome>;
  /** The copy job's schedule runs until this virtual time. */
  until: number;
  ticking: boolean;
  passInFlight: boolean;
  passes: number;
}

type Ctx = LabContext<ReportContention, 'analytics', AnalyticsState>;

async function startPass(ctx: Ctx, watermark: Watermark) {
  if (ctx.state.passInFlight) return;
  const [mark] = rowsOf(await ctx.sql(WATERMARK_SQL));
  const after = Number(watermark === 'change-seq' ? mark?.['copied_seq'] : mark?.['copied_id']);
  ctx.state.passInFlight = true;
  ctx.state.passes += 1;
  const extract: ExtractRequest = {
    type: 'extract',
    requestId: `copy-${ctx.state.passes}`,
    by: watermark,
    after: Number.isFinite(after) ? after : 0,
    limit: COPY_BATCH,
  };
  ctx.send(MONOLITH_B, extract);
}

function arm(ctx: Ctx) {
  if (ctx.state.ticking) return;
  ctx.state.ticking = true;
  ctx.setTimer(COPY_INTERVAL_MS, { type: 'copy-tick' });
}

/** Reports and loads share the store's one connection: a report waits for a load, and the other way round. */
function connectionOf(ctx: Ctx, clock: EngineClock, watermark: Watermark): ConnectionHooks<Payload, Outcome> {
  return {
    clock,
    async execute(job) {
      if (job.payload.type === 'load') {
        const result = await ctx.sql(loadSql(job.payload.facts, job.payload.checkedSeq, ctx.now));
        return { result, outcome: {} };
      }
      const result = await ctx.sql(`${ANALYTICS_REPORT_SQL};\n${ANALYTICS_FRESHNESS_SQL}`);
      if (!result.ok) return { result, outcome: {} };
      const [fresh] = rowsOf(result);
      return {
        result,
        outcome: {
          rows: result.results.slice(0, -1).reduce((n, r) => n + r.rows.length, 0),
          freshness: { newestChangeMs: Number(fresh?.['newest_ms'] ?? 0), copiedSeq: Number(fresh?.['copied_seq'] ?? 0) },
        },
      };
    },
    async finished({ job, timing, result, outcome }) {
      const { freshness } = outcome;
      ctx.fact({ kind: 'served', requestId: job.id, job: job.kind, ok: result.ok, ...timing, ...(freshness ? { freshness } : {}) });
      if (job.payload.type === 'report') {
        const reply: Reply = {
          type: 'reply',
          requestId: job.id,
          kind: 'report',
          ok: result.ok,
          ...(result.ok ? {} : { error: `${result.error.code}: ${result.error.message}` }),
          ...timing,
          ...outcome,
        };
        ctx.send(job.from, reply);
        return;
      }
      ctx.state.passInFlight = false;
      if (result.ok) ctx.note(`${job.id}: ${job.payload.facts.length} changes loaded in ${timing.engineMs} ms of engine time`);
      if (!result.ok) ctx.note(`copy pass failed: ${result.error.message}`);
      // A full batch means more is waiting: go round again at once rather than at the next tick.
      else if (job.payload.facts.length >= COPY_BATCH) await startPass(ctx, watermark);
    },
  };
}

export function analytics(
  clock: EngineClock,
  watermark: Watermark,
  database: ServiceDatabaseSpec,
  tables: readonly TableView[],
): ServiceSpec<ReportContention, 'analytics', AnalyticsState> {
  return {
    label: 'Analytics store',
    role: 'Setup B: wide ticket rows for reports, filled by a copy job from monolith B (SQLite)',
    database,
    tables,
    initialState: () => ({ conn: newConnection(), until: 0, ticking: false, passInFlight: false, passes: 0 }),
    on: {
      'connection-free': (ctx) => free(ctx, connectionOf(ctx, clock, watermark)),
      'schedule-copies'(ctx, message) {
        ctx.state.until = Math.max(ctx.state.until, message.until);
        arm(ctx);
      },
      async 'copy-tick'(ctx) {
        ctx.state.ticking = false;
        if (ctx.isFaultOn('analytics-crashes')) {
          ctx.crash('the analytics store crashed (injected fault)');
          return;
        }
        if (ctx.isFaultOn('copy-job-stopped')) ctx.note('copy job stopped: pass skipped');
        else await startPass(ctx, watermark);
        if (ctx.now < ctx.state.until) arm(ctx);
      },
      async 'copy-now'(ctx) {
        if (ctx.isFaultOn('copy-job-stopped')) ctx.note('copy job stopped: switch the fault off first');
        else await startPass(ctx, watermark);
      },
      async report(ctx, message, from) {
        if (!isRequester(from)) return;
        await arrive(ctx, connectionOf(ctx, clock, watermark), {
          id: message.requestId,
          kind: 'report',
          from,
          payload: { type: 'report' },
        });
      },
      /** The extract's answer from monolith B: load it, on the store's own connection. */
      async reply(ctx, reply) {
        if (!reply.ok) {
          ctx.state.passInFlight = false;
          ctx.note(`extract failed: ${reply.error ?? 'unknown error'}`);
          return;
        }
        const facts = reply.facts ?? [];
        // Everything up to the monolith's head has been looked at, unless the batch was cut off.
        const checkedSeq = facts.length >= COPY_BATCH ? Math.max(0, ...facts.map((f) => f.changeSeq)) : (reply.headSeq ?? 0);
        await arrive(ctx, connectionOf(ctx, clock, watermark), {
          id: `load-${reply.requestId}`,
          kind: 'load',
          from: ctx.name,
          payload: { type: 'load', facts, checkedSeq },
        });
      },
    },
    // Back after a crash: catch up from the watermark in the store.
    recover: (ctx) => startPass(ctx, watermark),
  };
}
