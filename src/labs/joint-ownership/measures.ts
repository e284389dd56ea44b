/**
 * The side-by-side comparison, read from the facts the services record: which requests of the latest
 * workload run were answered and how, how many messages each completed write needed, what the databases'
 * own audit counted (real queries, carried in the audit's answer), and which services' queries name which
 * ticket columns.
 */
import { factsOf, type MeasureSpec, type RecordedFact } from '../kit/define-lab.ts';
import type { Measurement, TraceEntry } from '../sim/types.ts';
import type { AuditRow, JointFact, JointOwnership, Outcome } from './messages.ts';
import { TECHNIQUE, TECHNIQUES, TICKET_COLUMNS, type TechniqueId, type TicketColumn } from './techniques.ts';
import type { OpKind } from './workload.ts';

type Facts = readonly RecordedFact<JointFact>[];

interface SentRequest {
  readonly technique: TechniqueId;
  readonly kind: OpKind;
}

export interface TechniqueFigures {
  readonly technique: TechniqueId;
  readonly assign: Record<Outcome | 'waiting', number>;
  readonly ticket: Record<Outcome | 'waiting', number>;
  readonly done: number;
  readonly dbMessagesPerWrite: number | null;
  readonly serviceMessagesPerWrite: number | null;
  readonly audit: AuditRow | undefined;
}

export interface RunFigures {
  readonly run: number;
  readonly finished: boolean;
  readonly crashed: readonly string[];
  readonly techniques: readonly TechniqueFigures[];
}

/** Everything the comparison shows for the latest workload run. */
export function runFigures(trace: readonly TraceEntry[], facts: Facts = factsOf<JointFact>(trace)): RunFigures | undefined {
  let run = 0;
  for (const { fact } of facts) if (fact.kind === 'request') run = Math.max(run, fact.run);
  if (run === 0) return undefined;
  const sent = new Map<string, SentRequest>();
  let startStep = Infinity;
  for (const { step, fact } of facts) {
    if (fact.kind !== 'request' || fact.run !== run) continue;
    startStep = Math.min(startStep, step);
    sent.set(fact.requestId, { technique: fact.technique, kind: fact.op });
  }
  // Crashes are the kernel's own trace entries: a service that went down once this run had started.
  const crashed = new Set(trace.flatMap((e) => (e.type === 'crash' && e.step >= startStep ? [e.service] : [])));
  const answers = new Map<string, Outcome>();
  const audits = new Map<TechniqueId, AuditRow>();
  let finished = false;
  const messages = new Map<string, { db: number; service: number }>();
  for (const { fact } of facts) {
    if (fact.kind === 'answer' && sent.has(fact.requestId) && !answers.has(fact.requestId)) answers.set(fact.requestId, fact.outcome);
    if (fact.kind === 'audit' && fact.run === run) {
      finished = true;
      for (const row of fact.rows) audits.set(row.technique, row);
    }
  }
  for (const { fact } of facts) {
    if (fact.kind !== 'hop' || answers.get(fact.requestId) !== 'done') continue;
    const count = messages.get(fact.requestId) ?? { db: 0, service: 0 };
    if (fact.link === 'database') count.db += 1;
    else count.service += 1;
    messages.set(fact.requestId, count);
  }
  const techniques = TECHNIQUES.map((technique): TechniqueFigures => {
    const assign = { done: 0, refused: 0, failed: 0, waiting: 0 };
    const ticket = { done: 0, refused: 0, failed: 0, waiting: 0 };
    let db = 0;
    let service = 0;
    for (const [id, request] of sent) {
      if (request.technique !== technique) continue;
      const outcome = answers.get(id) ?? (finished ? 'failed' : 'waiting');
      (request.kind === 'assign' ? assign : ticket)[outcome] += 1;
      const count = messages.get(id);
      db += count?.db ?? 0;
      service += count?.service ?? 0;
    }
    const done = assign.done + ticket.done;
    return {
      technique,
      assign,
      ticket,
      done,
      dbMessagesPerWrite: done === 0 ? null : db / done,
      serviceMessagesPerWrite: done === 0 ? null : service / done,
      audit: audits.get(technique),
    };
  });
  return { run, finished, crashed: [...crashed].sort(), techniques };
}

/** Which services sent queries naming each column, per technique. */
export function schemaReach(facts: Facts): Map<TechniqueId, Map<TicketColumn, Set<string>>> {
  const reach = new Map(TECHNIQUES.map((t) => [t, new Map(TICKET_COLUMNS.map((c) => [c, new Set<string>()]))]));
  for (const { service, fact } of facts) {
    if (fact.kind !== 'query') continue;
    const byColumn = reach.get(fact.technique);
    for (const column of fact.columns) byColumn?.get(column)?.add(service);
  }
  return reach;
}

/** The most services one column change would touch under a technique, or undefined before any query ran. */
export function widestReach(byColumn: Map<TicketColumn, Set<string>> | undefined): number | undefined {
  if (!byColumn) return undefined;
  const sizes = [...byColumn.values()].map((s) => s.size);
  const widest = Math.max(0, ...sizes);
  return widest === 0 ? undefined : widest;
}

const triple = (c: Record<Outcome | 'waiting', number>) =>
  `${c.done} · ${c.refused} · ${c.failed}${c.waiting > 0 ? ` (+${c.waiting} waiting)` : ''}`;
const perWrite = (n: number | null) => (n === null ? '—' : n.toFixed(1));

function sideBySide(facts: Facts, trace: readonly TraceEntry[]): Measurement {
  const figures = runFigures(trace, facts);
  if (!figures) return { summary: 'No workload has run yet. Press “Run the workload”.', rows: [] };
  const reach = schemaReach(facts);
  const rows = figures.techniques.map((t) => {
    const audit = t.audit;
    const integrity = (n: number | null | undefined) => {
      if (audit?.error) return 'audit failed';
      if (n === undefined) return '…';
      return n ?? 'n/a';
    };
    return {
      technique: TECHNIQUE[t.technique].label,
      'assign done · refused · failed': triple(t.assign),
      'ticket writes done · refused · failed': triple(t.ticket),
      'database messages per write': perWrite(t.dbMessagesPerWrite),
      'service-to-service messages per write': perWrite(t.serviceMessagesPerWrite),
      'lost updates': integrity(audit?.lostUpdates),
      'assignments to closed tickets': integrity(audit?.closedAssignments),
      'assignments without a ticket': integrity(audit ? audit.orphanAssignments : undefined),
      'services one column change touches': widestReach(reach.get(t.technique)) ?? '—',
    };
  });
  const down = figures.crashed.length > 0 ? ` Down during this run: ${figures.crashed.join(', ')}.` : '';
  const failedAudits = figures.techniques
    .filter((t) => t.audit?.error)
    .map((t) => `${TECHNIQUE[t.technique].label}: ${t.audit?.error ?? ''}`);
  const state = figures.finished ? 'audited' : 'still running; the audit follows the last answer';
  return {
    summary: `Run ${figures.run}, ${state}.${down}${failedAudits.length > 0 ? ` Audit failed for ${failedAudits.join('; ')}.` : ''}`,
    rows,
  };
}

function reachMeasure(facts: Facts): Measurement {
  const reach = schemaReach(facts);
  const rows = TECHNIQUES.flatMap((technique) =>
    TICKET_COLUMNS.map((column) => {
      const services = [...(reach.get(technique)?.get(column) ?? [])].sort();
      return { technique: TECHNIQUE[technique].label, column, 'services whose queries name it': services.join(', ') || '—' };
    }),
  ).filter((row) => row['services whose queries name it'] !== '—');
  if (rows.length === 0) return { summary: 'No service has queried the ticket data yet.', rows: [] };
  return { summary: 'A column named by two services’ queries is a change both teams must make and release together.', rows };
}

export const measures: readonly MeasureSpec<JointOwnership>[] = [
  { id: 'side-by-side', label: 'The four techniques, same workload', measure: sideBySide },
  { id: 'schema-reach', label: 'Who a change to each column touches', measure: reachMeasure },
];
