/** The figures behind the measures and the chapter's table, computed from the facts the services recorded. */
import type { RecordedFact } from '../kit/define-lab.ts';
import { PIPELINES, type OutboxFact, type Pipeline, type TicketEvent } from './messages.ts';

export interface PipelineFigures {
  readonly pipeline: Pipeline;
  /** Changes the ticket database committed (the same for every pipeline). */
  readonly committed: number;
  /** Committed changes whose event this pipeline delivered. */
  readonly delivered: number;
  /** Tickets whose last delivered state differs from their last committed one. */
  readonly wrongAtEnd: number;
  /** Events delivered for changes that never committed. */
  readonly phantoms: number;
  /** Deliveries of an event already delivered (absorbed by the inbox). */
  readonly duplicates: number;
  /** From a change's commit to its first delivery, in virtual ms. */
  readonly latencyP50Ms: number;
  readonly latencyMaxMs: number;
  /** Statements run on the ticket database for this pipeline (polls and marks). */
  readonly sourceQueries: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const same = (a: TicketEvent | undefined, b: TicketEvent | undefined) =>
  a?.eventId === b?.eventId && a?.status === b?.status && a?.assignee === b?.assignee;

export function pipelineFigures(facts: readonly RecordedFact<OutboxFact>[]): PipelineFigures[] {
  const commits = new Map<string, { at: number; event: TicketEvent }>();
  const lastCommitted = new Map<string, TicketEvent>();
  for (const f of facts)
    if (f.fact.kind === 'committed') {
      commits.set(f.fact.event.eventId, { at: f.at, event: f.fact.event });
      lastCommitted.set(f.fact.event.ticketId, f.fact.event);
    }
  return PIPELINES.map((pipeline) => {
    const firstSeen = new Map<string, number>();
    const newest = new Map<string, TicketEvent>();
    let duplicates = 0;
    let sourceQueries = 0;
    for (const f of facts) {
      if (f.fact.kind === 'source-query' && f.fact.pipeline === pipeline) sourceQueries++;
      if (f.fact.kind !== 'received' || f.fact.pipeline !== pipeline) continue;
      const e = f.fact.event;
      if (f.fact.duplicate) duplicates++;
      if (!firstSeen.has(e.eventId)) firstSeen.set(e.eventId, f.at);
      if ((newest.get(e.ticketId)?.version ?? 0) < e.version) newest.set(e.ticketId, e);
    }
    const latencies = [...firstSeen].flatMap(([id, at]) => {
      const c = commits.get(id);
      return c ? [Math.max(0, at - c.at)] : [];
    });
    const tickets = new Set([...lastCommitted.keys(), ...newest.keys()]);
    return {
      pipeline,
      committed: commits.size,
      delivered: latencies.length,
      wrongAtEnd: [...tickets].filter((t) => !same(lastCommitted.get(t), newest.get(t))).length,
      phantoms: [...firstSeen.keys()].filter((id) => !commits.has(id)).length,
      duplicates,
      latencyP50Ms: percentile(latencies, 50),
      latencyMaxMs: percentile(latencies, 100),
      sourceQueries,
    };
  });
}
