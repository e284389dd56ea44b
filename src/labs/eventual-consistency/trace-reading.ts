/**
 * Reading the facts and the trace for the other measures: when each pattern's customer side was down, what
 * became of each ticket request, who sent what to whom, which database each actor touched, and what did the
 * recovering.
 */
import { isDelivery } from '../kit/broker-protocol.ts';
import type { TraceEntry } from '../sim/types.ts';
import type { Fact } from './facts.ts';
import { DESK, inPattern, type Pattern } from './patterns.ts';

export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** When the customer side of `p` was down: crashed (patterns 2, 3) or unreachable by fault (pattern 1). */
export function outagesOf(trace: readonly TraceEntry[], p: Pattern): Interval[] {
  const end = trace.at(-1)?.at ?? 0;
  const out: Interval[] = [];
  let since: number | undefined;
  if (p.id === 'sync') {
    const on = new Set<string>();
    for (const e of trace) {
      if (e.type !== 'input' || e.input.kind !== 'fault') continue;
      if (e.input.faultId !== 'customers-down' && e.input.faultId !== 'sync-customers-down') continue;
      if (e.input.on) on.add(e.input.faultId);
      else on.delete(e.input.faultId);
      if (on.size > 0) since ??= e.at;
      else if (since !== undefined) {
        out.push({ from: since, to: e.at });
        since = undefined;
      }
    }
  } else {
    for (const e of trace) {
      if (e.type === 'crash' && e.service === p.customers) since ??= e.at;
      if (e.type === 'restart' && e.service === p.customers && since !== undefined) {
        out.push({ from: since, to: e.at });
        since = undefined;
      }
    }
  }
  if (since !== undefined) out.push({ from: since, to: end });
  return out;
}

export interface RequestOutcome {
  readonly ticket: string;
  readonly requestedAt: number;
  readonly outcome: 'accepted' | 'refused' | 'undecided';
  /** From the request reaching the ticket service to the ticket being open or refused. */
  readonly waitMs: number | undefined;
}

export function requestOutcomes(facts: readonly Fact[], p: Pattern): RequestOutcome[] {
  const decided = new Map<string, { status: string; at: number }>();
  for (const { service, at, fact } of facts)
    if (fact.kind === 'ticket' && service === p.tickets && fact.status !== 'closed' && !decided.has(fact.ticket))
      decided.set(fact.ticket, { status: fact.status, at });
  const seen = new Set<string>();
  const outcomes: RequestOutcome[] = [];
  for (const { service, at, fact } of facts) {
    if (fact.kind !== 'requested' || service !== p.tickets || seen.has(fact.ticket)) continue;
    seen.add(fact.ticket);
    const d = decided.get(fact.ticket);
    const outcome = d === undefined ? 'undecided' : d.status === 'refused' ? 'refused' : 'accepted';
    outcomes.push({ ticket: fact.ticket, requestedAt: at, outcome, waitMs: d ? d.at - at : undefined });
  }
  return outcomes;
}

export const within = (at: number, intervals: readonly Interval[]) => intervals.some((i) => at >= i.from && at <= i.to);

/** Who sent messages to whom, as "a → b", from the trace's send entries. */
export function talksTo(trace: readonly TraceEntry[], p: Pattern): string[] {
  const pairs = new Set<string>();
  for (const e of trace) if (e.type === 'send' && inPattern(p, e.from) && e.to !== DESK) pairs.add(`${e.from} → ${e.to}`);
  return [...pairs].sort();
}

/** Statements the reader typed in the console are the reader's, not any service's. */
function serviceSql(trace: readonly TraceEntry[]) {
  const out: Extract<TraceEntry, { type: 'sql' }>[] = [];
  let readerTyped = false;
  for (const e of trace) {
    if (e.type === 'input') readerTyped = e.input.kind === 'sql';
    else if (e.type === 'sql') {
      if (readerTyped) readerTyped = false;
      else out.push(e);
    } else readerTyped = false;
  }
  return out;
}

/**
 * Which actor read or wrote which database. On the shared server of pattern 1 the actor is the role the
 * statements ran as and the database is the schema they named, as each local transaction recorded it; in
 * the other patterns a service's SQL runs on its own database, the only one the kernel lets it reach.
 */
export function touches(trace: readonly TraceEntry[], facts: readonly Fact[], p: Pattern): string[] {
  const access = new Map<string, { reads: Set<string>; writes: Set<string> }>();
  const note = (actor: string, reads: readonly string[], writes: readonly string[]) => {
    let a = access.get(actor);
    if (!a) access.set(actor, (a = { reads: new Set(), writes: new Set() }));
    for (const db of reads) a.reads.add(db);
    for (const db of writes) a.writes.add(db);
  };
  if (p.id === 'sync') {
    for (const { service, fact } of facts) if (fact.kind === 'access' && inPattern(p, service)) note(fact.actor, fact.reads, fact.writes);
  } else {
    for (const e of serviceSql(trace)) if (e.ok && inPattern(p, e.service)) note(e.service, [e.service], [e.service]);
  }
  return [...access]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([actor, a]) => {
      const parts = [];
      if (a.reads.size > 0) parts.push(`reads ${[...a.reads].sort().join(', ')}`);
      if (a.writes.size > 0) parts.push(`writes ${[...a.writes].sort().join(', ')}`);
      return `${actor} ${parts.join('; ')}`;
    });
}

export interface Recovery {
  readonly summary: string;
  readonly figures: Readonly<Record<string, number>>;
}

export function recoveryOf(trace: readonly TraceEntry[], facts: readonly Fact[], p: Pattern): Recovery {
  const mine = facts.flatMap(({ service, fact }) => (inPattern(p, service) ? [fact] : []));
  const sends = trace.flatMap((e) => (e.type === 'send' && inPattern(p, e.from) ? [e] : []));
  if (p.id === 'sync') {
    const fixing = new Set(mine.flatMap((f) => (f.kind === 'count' ? [f.why] : [])));
    const failed = mine.filter((f) => f.kind === 'sync-failed').length;
    return {
      summary: `the next sync run: ${fixing.size} runs corrected counts, ${failed} failed`,
      figures: { runsThatFixed: fixing.size, runsFailed: failed },
    };
  }
  if (p.id === 'request') {
    const retries = mine.filter((f) => f.kind === 'call-retried').length;
    const refused = mine.filter((f) => f.kind === 'ticket' && f.status === 'refused').length;
    return {
      summary: `retries: ${retries} calls sent again, ${refused} compensating calls`,
      figures: { callsRetried: retries, compensations: refused },
    };
  }
  const redeliveries = sends.filter(
    (e) => e.from === 'broker' && e.to === p.customers && isDelivery(e.message) && e.message.attempt > 1,
  ).length;
  const resumes = sends.filter((e) => e.message.type === 'resume').length;
  const skipped = mine.filter((f) => f.kind === 'copy-skipped').length;
  return {
    summary: `redelivery: ${redeliveries} redeliveries, ${resumes} resumes after restart, ${skipped} copies skipped`,
    figures: { redeliveries, resumes, copiesSkipped: skipped },
  };
}
