/**
 * What the lab measures, from the facts its services record. Every figure comes from a job a database
 * served: the engine's measured time for the statement, and the virtual times at which the request arrived,
 * got the connection and finished. Latency is what the ticket app saw: from sending a request to its reply.
 */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import type { Measurement } from '../sim/types.ts';
import type { EngineClock } from './engine-clock.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, type ReportContention, type ReportContentionFact } from './messages.ts';

type Facts = readonly RecordedFact<ReportContentionFact>[];
type Served = Extract<ReportContentionFact, { readonly kind: 'served' }>;

interface ServedBy {
  readonly store: string;
  readonly job: Served;
}

interface TicketRequest extends ServedBy {
  /** Virtual ms from the request leaving the ticket app to its reply arriving back. */
  readonly latencyMs: number;
}

/** Every job a database served, with the store that served it. */
function served(facts: Facts): ServedBy[] {
  return facts.flatMap(({ service, fact }) => (fact.kind === 'served' ? [{ store: service, job: fact }] : []));
}

/** The ticket requests whose reply is back at the ticket app, with how the store served them. */
function ticketRequests(facts: Facts): TicketRequest[] {
  const jobs = new Map(served(facts).map((s) => [`${s.store} ${s.job.requestId}`, s]));
  return facts.flatMap(({ fact }) => {
    if (fact.kind !== 'round-trip') return [];
    const job = jobs.get(`${fact.store} ${fact.requestId}`);
    return job ? [{ ...job, latencyMs: fact.latencyMs }] : [];
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const behindReport = (r: ServedBy) => r.job.ahead.some((id) => id.startsWith('report-'));
const behindCopy = (r: ServedBy) => r.job.ahead.some((id) => id.startsWith('copy-'));

function latencyRow(label: string, ops: readonly TicketRequest[]) {
  const latencies = ops.map((o) => o.latencyMs);
  const waits = ops.map((o) => o.job.waitMs);
  return {
    requests: label,
    answered: ops.length,
    median_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    max_ms: Math.max(0, ...latencies),
    mean_wait_ms: waits.length === 0 ? 0 : Math.round(waits.reduce((s, w) => s + w, 0) / waits.length),
    behind_a_report: ops.filter(behindReport).length,
    behind_copy_job: ops.filter(behindCopy).length,
  };
}

export function operationalLatency(facts: Facts): Measurement {
  const ops = ticketRequests(facts);
  const a = ops.filter((o) => o.store === MONOLITH_A);
  const b = ops.filter((o) => o.store === MONOLITH_B);
  if (a.length + b.length === 0) return { summary: 'No ticket request has been answered yet.', rows: [] };
  const rows = [latencyRow('A: report on the monolith', a), latencyRow('B: report on the analytics store', b)];
  const held = a.filter(behindReport);
  if (held.length > 0) {
    rows.push(
      latencyRow('A, queued behind a report', held),
      latencyRow(
        'A, not behind a report',
        a.filter((o) => !behindReport(o)),
      ),
    );
  }
  const [ra, rb] = rows;
  const summary = `Slowest ticket request: ${ra?.max_ms ?? 0} ms in setup A, ${rb?.max_ms ?? 0} ms in setup B (virtual time, network included). ${held.length} request${held.length === 1 ? '' : 's'} in A waited for the connection behind a report.`;
  return { summary, rows };
}

export function reportCost(facts: Facts): Measurement {
  const ops = ticketRequests(facts);
  const reports = served(facts).filter((s) => s.job.job === 'report');
  const rows = reports.map(({ store, job }) => ({
    report: job.requestId,
    ran_on: store === ANALYTICS ? 'analytics store (SQLite)' : 'monolith A (Postgres)',
    engine_ms: job.engineMs,
    virtual_ms: job.virtualMs,
    waited_ms: job.waitMs,
    ticket_requests_held_up: ops.filter((o) => o.store === store && o.job.ahead.includes(job.requestId)).length,
  }));
  if (rows.length === 0) return { summary: 'No report has run yet.', rows };
  const onA = rows.filter((r) => r.ran_on.startsWith('monolith'));
  const busy = onA.reduce((s, r) => s + r.virtual_ms, 0);
  const heldUp = onA.reduce((s, r) => s + r.ticket_requests_held_up, 0);
  return {
    summary: `On monolith A the report held the only connection for ${busy} ms in all and held up ${heldUp} ticket request${heldUp === 1 ? '' : 's'}; on the analytics store it held up none.`,
    rows,
  };
}

export function staleness(facts: Facts): Measurement {
  const all = served(facts);
  const changes = all.flatMap(({ store, job }) =>
    store === MONOLITH_B && job.job === 'op' && job.changeSeq !== undefined ? [{ at: job.startedAt, seq: job.changeSeq }] : [],
  );
  const rows = all.flatMap(({ store, job }) => {
    if (store !== ANALYTICS || job.job !== 'report' || !job.freshness) return [];
    const seen = changes.filter((c) => c.at <= job.startedAt);
    const newest = seen.reduce((m, c) => Math.max(m, c.at), 0);
    const head = seen.reduce((m, c) => Math.max(m, c.seq), 0);
    return [
      {
        report: job.requestId,
        ran_at_ms: job.startedAt,
        newest_in_monolith_ms: newest,
        newest_in_store_ms: job.freshness.newestChangeMs,
        stale_by_ms: Math.max(0, newest - job.freshness.newestChangeMs),
        changes_missing: Math.max(0, head - job.freshness.copiedSeq),
      },
    ];
  });
  if (rows.length === 0) return { summary: 'No report has run on the analytics store yet.', rows };
  const worst = rows.reduce((m, r) => Math.max(m, r.stale_by_ms), 0);
  const missing = rows.reduce((m, r) => Math.max(m, r.changes_missing), 0);
  return {
    summary: `The report on the analytics store was up to ${worst} ms behind monolith B, missing up to ${missing} change${missing === 1 ? '' : 's'}.`,
    rows,
  };
}

/** Where the lab's milliseconds come from: engine time measured per answered request, and what it became. */
export function clockMeasure(clock: EngineClock): MeasureSpec<ReportContention> {
  return {
    id: 'engine-time',
    label: 'How measured engine time becomes lab time',
    measure(facts) {
      // A load answers nobody: it is the copy job's own step, so it is not a request answered.
      const answered = served(facts).filter((s) => s.job.job !== 'load');
      const rows = [MONOLITH_A, MONOLITH_B, ANALYTICS].map((store) => {
        const jobs = answered.filter((s) => s.store === store);
        return {
          database: store,
          requests_answered: jobs.length,
          engine_ms: Math.round(jobs.reduce((s, a) => s + a.job.engineMs, 0) * 100) / 100,
          virtual_ms: jobs.reduce((s, a) => s + a.job.virtualMs, 0),
        };
      });
      return { summary: `The lab's clock is virtual. For the databases, ${clock.description}.`, rows };
    },
  };
}

export function measures(clock: EngineClock): readonly MeasureSpec<ReportContention>[] {
  return [
    { id: 'operational-latency', label: 'Ticket requests: latency seen by the ticket app', measure: operationalLatency },
    { id: 'report-cost', label: 'What each report cost', measure: reportCost },
    { id: 'staleness', label: 'How stale the analytics store was when the report read it', measure: staleness },
    clockMeasure(clock),
  ];
}
