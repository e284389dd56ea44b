/**
 * Reading the trace for the other measures: when each pattern's customer side was down, what became of each
 * ticket request, who sent what to whom, which database each actor touched, and what did the recovering.
 */
import type { TraceEntry } from '../sim/types.ts';
import { FAULT } from './faults.ts';
import { factsOf } from './facts.ts';
import { DESK, type Pattern } from './patterns.ts';

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
      if (e.input.faultId !== FAULT.customersDownAll && e.input.faultId !== FAULT.customersDownSync) continue;
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

export function requestOutcomes(trace: readonly TraceEntry[], p: Pattern): RequestOutcome[] {
  const decided = new Map<string, { status: string; at: number }>();
  for (const f of factsOf(trace))
    if (f.kind === 'ticket' && f.service === p.tickets && f.status !== 'closed' && !decided.has(f.ticket))
      decided.set(f.ticket, { status: f.status, at: f.at });
  const seen = new Set<string>();
  const outcomes: RequestOutcome[] = [];
  for (const e of trace) {
    if (e.type !== 'deliver' || e.to !== p.tickets || e.message.type !== 'open-ticket') continue;
    const ticket = String(e.message['ticketId']);
    if (seen.has(ticket)) continue;
    seen.add(ticket);
    const d = decided.get(ticket);
    const outcome = d === undefined ? 'undecided' : d.status === 'refused' ? 'refused' : 'accepted';
    outcomes.push({ ticket, requestedAt: e.at, outcome, waitMs: d ? d.at - e.at : undefined });
  }
  return outcomes;
}

export const within = (at: number, intervals: readonly Interval[]) => intervals.some((i) => at >= i.from && at <= i.to);

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

/** Who sent messages to whom, as "a → b", from the trace's send entries. */
export function talksTo(trace: readonly TraceEntry[], p: Pattern): string[] {
  const pairs = new Set<string>();
  for (const e of trace) if (e.type === 'send' && p.services.includes(e.from) && e.to !== DESK) pairs.add(`${e.from} → ${e.to}`);
  return [...pairs].sort();
}

const ROLE = /SET LOCAL ROLE (\w+)/;
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

/**
 * Which actor read or wrote which database, from the statements in the trace. On the shared server of
 * pattern 1 the actor is the role a statement ran as, and the database is the schema it named.
 */
export function touches(trace: readonly TraceEntry[], p: Pattern): string[] {
  const access = new Map<string, { reads: Set<string>; writes: Set<string> }>();
  const note = (actor: string, db: string, write: boolean) => {
    let a = access.get(actor);
    if (!a) access.set(actor, (a = { reads: new Set(), writes: new Set() }));
    (write ? a.writes : a.reads).add(db);
  };
  for (const e of serviceSql(trace)) {
    if (!p.services.includes(e.service) || !e.ok) continue;
    const actor = ROLE.exec(e.sql)?.[1] ?? e.service;
    for (const statement of e.sql.split(/;\s*\n/)) {
      if (/^\s*(BEGIN|COMMIT|SET)\b/i.test(statement)) continue;
      const schemas = p.id === 'sync' ? [...statement.matchAll(/\b(tickets|customers|sync)\.\w+/g)].map((m) => m[1] ?? '') : [e.service];
      const write = WRITE.test(statement);
      // An INSERT … SELECT or UPDATE … FROM names its source too: the first schema is the one written.
      schemas.forEach((db, i) => note(actor, db, write && i === 0));
    }
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

export function recoveryOf(trace: readonly TraceEntry[], p: Pattern): Recovery {
  const notes = trace.flatMap((e) => (e.type === 'note' && p.services.includes(e.service) ? [e.text] : []));
  const sends = trace.flatMap((e) => (e.type === 'send' && p.services.includes(e.from) ? [e] : []));
  if (p.id === 'sync') {
    const fixing = new Set(factsOf(trace).flatMap((f) => (f.kind === 'count' && f.service === p.customers ? [f.why] : [])));
    const failed = notes.filter((n) => /^sync run \d+ failed/.test(n)).length;
    return {
      summary: `the next sync run: ${fixing.size} runs corrected counts, ${failed} failed`,
      figures: { runsThatFixed: fixing.size, runsFailed: failed },
    };
  }
  if (p.id === 'request') {
    const calls = sends.filter((e) => e.message.type === 'set-ticket-state');
    const retries = calls.filter((e) => Number(e.message['attempt']) > 1).length;
    const refused = factsOf(trace).filter((f) => f.kind === 'ticket' && f.service === p.tickets && f.status === 'refused').length;
    return {
      summary: `retries: ${retries} calls sent again, ${refused} compensating calls`,
      figures: { callsRetried: retries, compensations: refused },
    };
  }
  const redeliveries = sends.filter((e) => e.from === 'broker' && e.to === p.customers && Number(e.message['attempt']) > 1).length;
  const resumes = sends.filter((e) => e.message.type === 'resume').length;
  const skipped = notes.filter((n) => n.startsWith('skipped a second copy')).length;
  return {
    summary: `redelivery: ${redeliveries} redeliveries, ${resumes} resumes after restart, ${skipped} copies skipped`,
    figures: { redeliveries, resumes, copiesSkipped: skipped },
  };
}
