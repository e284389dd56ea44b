/**
 * The side-by-side comparison, read back from the trace: which requests of the latest workload run were
 * answered and how, how many messages each completed write needed, what the databases' own audit counted
 * (real queries, carried in the audit's answer), and which services' queries name which ticket columns.
 */
import type { MeasureDefinition, Measurement, TraceEntry } from '../sim/types.ts';
import type { AuditResultMessage, AuditRow, Outcome } from './messages.ts';
import { CLIENT, DATA_SERVICES, TECHNIQUE, TECHNIQUES, TICKET_COLUMNS, type TechniqueId, type TicketColumn } from './techniques.ts';
import type { Op } from './workload.ts';

interface SentRequest {
  readonly technique: TechniqueId;
  readonly kind: Op['kind'];
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

const isData = (name: string) => (DATA_SERVICES as readonly string[]).includes(name);

function latestRun(trace: readonly TraceEntry[]): number {
  let run = 0;
  for (const e of trace) if (e.type === 'send' && e.message.type === 'request') run = Math.max(run, Number(e.message['run']));
  return run;
}

/** Everything the comparison shows for the latest workload run. */
export function runFigures(trace: readonly TraceEntry[]): RunFigures | undefined {
  const run = latestRun(trace);
  if (run === 0) return undefined;
  const sent = new Map<string, SentRequest>();
  const answers = new Map<string, Outcome>();
  const crashed = new Set<string>();
  let started = false;
  let finished = false;
  const audits = new Map<TechniqueId, AuditRow>();
  for (const e of trace) {
    if (e.type === 'send' && e.message.type === 'request' && Number(e.message['run']) === run) {
      started = true;
      const op = e.message['op'] as Op;
      sent.set(String(e.message['requestId']), { technique: e.message['technique'] as TechniqueId, kind: op.kind });
    }
    if (started && e.type === 'crash') crashed.add(e.service);
    if (e.type === 'deliver' && e.to === CLIENT && e.message.type === 'reply') {
      const id = String(e.message['requestId']);
      if (sent.has(id) && !answers.has(id)) answers.set(id, e.message['outcome'] as Outcome);
    }
    if (e.type === 'deliver' && e.to === CLIENT && e.message.type === 'audit-result') {
      const result = e.message as unknown as AuditResultMessage;
      if (result.run === run) {
        finished = true;
        for (const row of result.rows) audits.set(row.technique, row);
      }
    }
  }
  const messages = new Map<string, { db: number; service: number }>();
  for (const e of trace) {
    if (e.type !== 'send' || e.from === CLIENT || e.to === CLIENT) continue;
    const id = e.message['requestId'];
    if (typeof id !== 'string' || answers.get(id) !== 'done') continue;
    const count = messages.get(id) ?? { db: 0, service: 0 };
    if (isData(e.from) || isData(e.to)) count.db += 1;
    else count.service += 1;
    messages.set(id, count);
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

/** Which services sent queries naming each column, per technique. String literals are not names. */
export function schemaReach(trace: readonly TraceEntry[]): Map<TechniqueId, Map<TicketColumn, Set<string>>> {
  const reach = new Map(TECHNIQUES.map((t) => [t, new Map(TICKET_COLUMNS.map((c) => [c, new Set<string>()]))]));
  for (const e of trace) {
    if (e.type !== 'send' || e.message.type !== 'query') continue;
    const sql = String(e.message['sql']).replace(/'(?:[^']|'')*'/g, "''");
    const byColumn = reach.get(e.message['technique'] as TechniqueId);
    for (const column of TICKET_COLUMNS) if (new RegExp(`\\b${column}\\b`).test(sql)) byColumn?.get(column)?.add(e.from);
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

function sideBySide(trace: readonly TraceEntry[]): Measurement {
  const figures = runFigures(trace);
  if (!figures) return { summary: 'No workload has run yet. Press “Run the workload”.', rows: [] };
  const reach = schemaReach(trace);
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

function reachMeasure(trace: readonly TraceEntry[]): Measurement {
  const reach = schemaReach(trace);
  const rows = TECHNIQUES.flatMap((technique) =>
    TICKET_COLUMNS.map((column) => {
      const services = [...(reach.get(technique)?.get(column) ?? [])].sort();
      return { technique: TECHNIQUE[technique].label, column, 'services whose queries name it': services.join(', ') || '—' };
    }),
  ).filter((row) => row['services whose queries name it'] !== '—');
  if (rows.length === 0) return { summary: 'No service has queried the ticket data yet.', rows: [] };
  return { summary: 'A column named by two services’ queries is a change both teams must make and release together.', rows };
}

export const measures: readonly MeasureDefinition[] = [
  { id: 'side-by-side', label: 'The four techniques, same workload', measure: sideBySide },
  { id: 'schema-reach', label: 'Who a change to each column touches', measure: reachMeasure },
];
