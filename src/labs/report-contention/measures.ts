/**
 * What the lab measures, read back from its trace. Every figure comes from a reply a database sent: the
 * engine's measured time for the statement, and the virtual times at which the request arrived, got the
 * connection and finished. Latency is what the ticket app saw: from sending a request to its reply.
 */
import type { MeasureDefinition, Measurement, TraceEntry } from '../sim/types.ts';
import type { EngineClock } from './engine-clock.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, TICKET_APP, type Reply } from './messages.ts';

interface Answered {
  readonly store: string;
  readonly reply: Reply;
  /** Virtual ms from the request leaving its sender to the reply arriving back. */
  readonly latencyMs?: number;
}

const isReply = (m: { readonly type: string }): m is Reply & { readonly type: 'reply' } => m.type === 'reply';

/** Every reply a database sent, with the round trip the ticket app saw for operational ones. */
export function answered(trace: readonly TraceEntry[]): Answered[] {
  const sent = new Map<string, number>();
  const out: Answered[] = [];
  for (const e of trace) {
    if (e.type === 'send' && e.from === TICKET_APP && e.message.type === 'op') sent.set(`${e.to} ${String(e.message['requestId'])}`, e.at);
    if (e.type === 'send' && isReply(e.message) && e.message.kind !== 'op') out.push({ store: e.from, reply: e.message });
    if (e.type === 'deliver' && e.to === TICKET_APP && isReply(e.message)) {
      const since = sent.get(`${e.from} ${e.message.requestId}`);
      out.push({ store: e.from, reply: e.message, ...(since === undefined ? {} : { latencyMs: e.at - since }) });
    }
  }
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const behindReport = (a: Answered) => a.reply.ahead.some((id) => id.startsWith('report-'));
const behindCopy = (a: Answered) => a.reply.ahead.some((id) => id.startsWith('copy-'));

function latencyRow(label: string, ops: readonly Answered[]) {
  const latencies = ops.map((o) => o.latencyMs ?? 0);
  const waits = ops.map((o) => o.reply.waitMs);
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

export function operationalLatency(trace: readonly TraceEntry[]): Measurement {
  const ops = answered(trace).filter((a) => a.reply.kind === 'op' && a.latencyMs !== undefined);
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

export function reportCost(trace: readonly TraceEntry[]): Measurement {
  const all = answered(trace);
  const ops = all.filter((a) => a.reply.kind === 'op');
  const reports = all.filter((a) => a.reply.kind === 'report');
  const rows = reports.map(({ store, reply }) => ({
    report: reply.requestId,
    ran_on: store === ANALYTICS ? 'analytics store (SQLite)' : 'monolith A (Postgres)',
    engine_ms: reply.engineMs,
    virtual_ms: reply.virtualMs,
    waited_ms: reply.waitMs,
    ticket_requests_held_up: ops.filter((o) => o.store === store && o.reply.ahead.includes(reply.requestId)).length,
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

export function staleness(trace: readonly TraceEntry[]): Measurement {
  const all = answered(trace);
  const changes = all
    .filter((a) => a.store === MONOLITH_B && a.reply.kind === 'op' && typeof a.reply.changeSeq === 'number')
    .map((a) => ({ at: a.reply.startedAt, seq: Number(a.reply.changeSeq) }));
  const rows = all
    .filter((a) => a.store === ANALYTICS && a.reply.kind === 'report' && a.reply.freshness)
    .map(({ reply }) => {
      const seen = changes.filter((c) => c.at <= reply.startedAt);
      const newest = seen.reduce((m, c) => Math.max(m, c.at), 0);
      const head = seen.reduce((m, c) => Math.max(m, c.seq), 0);
      const fresh = reply.freshness ?? { newestChangeMs: 0, copiedSeq: 0 };
      return {
        report: reply.requestId,
        ran_at_ms: reply.startedAt,
        newest_in_monolith_ms: newest,
        newest_in_store_ms: fresh.newestChangeMs,
        stale_by_ms: Math.max(0, newest - fresh.newestChangeMs),
        changes_missing: Math.max(0, head - fresh.copiedSeq),
      };
    });
  if (rows.length === 0) return { summary: 'No report has run on the analytics store yet.', rows };
  const worst = rows.reduce((m, r) => Math.max(m, r.stale_by_ms), 0);
  const missing = rows.reduce((m, r) => Math.max(m, r.changes_missing), 0);
  return {
    summary: `The report on the analytics store was up to ${worst} ms behind monolith B, missing up to ${missing} change${missing === 1 ? '' : 's'}.`,
    rows,
  };
}

/** Where the lab's milliseconds come from: engine time measured per statement, and what it became. */
export function clockMeasure(clock: EngineClock): MeasureDefinition {
  return {
    id: 'engine-time',
    label: 'How measured engine time becomes lab time',
    measure(trace) {
      const rows = [MONOLITH_A, MONOLITH_B, ANALYTICS].map((store) => {
        const replies = answered(trace).filter((a) => a.store === store);
        return {
          database: store,
          requests_answered: replies.length,
          engine_ms: Math.round(replies.reduce((s, a) => s + a.reply.engineMs, 0) * 100) / 100,
          virtual_ms: replies.reduce((s, a) => s + a.reply.virtualMs, 0),
        };
      });
      return { summary: `The lab's clock is virtual. For the databases, ${clock.description}.`, rows };
    },
  };
}

export function measures(clock: EngineClock): readonly MeasureDefinition[] {
  return [
    { id: 'operational-latency', label: 'Ticket requests: latency seen by the ticket app', measure: operationalLatency },
    { id: 'report-cost', label: 'What each report cost', measure: reportCost },
    { id: 'staleness', label: 'How stale the analytics store was when the report read it', measure: staleness },
    clockMeasure(clock),
  ];
}
