/** Figures measured from the trace: connections against limits, refused requests, and who failed in an outage. */
import { DOMAIN_DATABASES, SHARED_DATABASE } from '../ticket-system/layout.ts';
import type { Layout } from '../ticket-system/layout.ts';
import type { MeasureDefinition, TraceEntry } from '../sim/types.ts';
import type { Connected, Refused, Request, Response } from './messages.ts';

export const DATABASES: readonly string[] = [SHARED_DATABASE, ...DOMAIN_DATABASES.map((d) => d.name)];

function layoutOf(database: string): Layout {
  return database === SHARED_DATABASE ? 'shared' : 'split';
}

function sends(trace: readonly TraceEntry[], type: string) {
  return trace.flatMap((e) => (e.type === 'send' && e.message.type === type ? [e] : []));
}

export interface ConnectionRow {
  database: string;
  max_connections: number;
  peak_in_use: number;
  refused: number;
}

export function connectionFigures(trace: readonly TraceEntry[]): ConnectionRow[] {
  const rows = new Map<string, ConnectionRow>();
  const row = (database: string, limit: number) => {
    const found = rows.get(database) ?? { database, max_connections: limit, peak_in_use: 0, refused: 0 };
    rows.set(database, found);
    return found;
  };
  for (const e of sends(trace, 'connected')) {
    const m = e.message as unknown as Connected;
    const r = row(e.from, m.limit);
    r.peak_in_use = Math.max(r.peak_in_use, m.open);
  }
  for (const e of sends(trace, 'refused')) row(e.from, (e.message as unknown as Refused).limit).refused++;
  return DATABASES.flatMap((d) => rows.get(d) ?? []);
}

export interface RequestRow {
  layout: Layout;
  service: string;
  instances: number;
  sent: number;
  answered: number;
  refused: number;
  failed: number;
}

const REFUSAL_CODES = new Set(['53300', '28000']);

export function requestFigures(trace: readonly TraceEntry[]): RequestRow[] {
  const instances = new Map<string, number>();
  for (const e of trace) if (e.type === 'deliver' && e.message.type === 'scale-out') instances.set(e.to, (instances.get(e.to) ?? 1) + 1);
  const rows = new Map<string, RequestRow>();
  const row = (layout: Layout, service: string) => {
    const key = `${layout} ${service}`;
    const found = rows.get(key) ?? { layout, service, instances: instances.get(service) ?? 1, sent: 0, answered: 0, refused: 0, failed: 0 };
    rows.set(key, found);
    return found;
  };
  for (const e of sends(trace, 'request')) row((e.message as unknown as Request).layout, e.to).sent++;
  for (const e of sends(trace, 'response')) {
    const m = e.message as unknown as Response;
    const r = row(m.layout, m.service);
    if (m.ok) r.answered++;
    else if (m.code && REFUSAL_CODES.has(m.code)) r.refused++;
    else r.failed++;
  }
  return [...rows.values()];
}

export interface OutageRow {
  database: string;
  down: string;
  service: string;
  requests: number;
  failed: number;
}

/** For each time a database was down: the requests sent meanwhile to services in its layout, and how many failed. */
export function outageFigures(trace: readonly TraceEntry[]): OutageRow[] {
  const sentAt = new Map<string, { at: number; service: string; layout: Layout }>();
  for (const e of sends(trace, 'request')) {
    const m = e.message as unknown as Request;
    sentAt.set(m.id, { at: e.at, service: e.to, layout: m.layout });
  }
  const failed = new Set(
    sends(trace, 'response').flatMap((e) => ((e.message as unknown as Response).ok ? [] : [String(e.message['requestId'])])),
  );
  const rows: OutageRow[] = [];
  for (const crash of trace) {
    if (crash.type !== 'crash' || !DATABASES.includes(crash.service)) continue;
    const back = trace.find((e) => e.type === 'restart' && e.service === crash.service && e.at >= crash.at && e.step >= crash.step);
    const until = back ? back.at : Infinity;
    const down = `${crash.at} ms – ${back ? `${back.at} ms` : 'still down'}`;
    const counts = new Map<string, { requests: number; failed: number }>();
    for (const [id, sent] of sentAt) {
      if (sent.layout !== layoutOf(crash.service) || sent.at < crash.at || sent.at >= until) continue;
      const c = counts.get(sent.service) ?? { requests: 0, failed: 0 };
      c.requests++;
      if (failed.has(id)) c.failed++;
      counts.set(sent.service, c);
    }
    for (const [service, c] of counts) rows.push({ database: crash.service, down, service, ...c });
  }
  return rows;
}

export const measures: readonly MeasureDefinition[] = [
  {
    id: 'connections',
    label: 'Connections in use against each database’s limit',
    measure(trace) {
      const rows = connectionFigures(trace);
      if (rows.length === 0) return { summary: 'No connection has been asked for yet.', rows: [] };
      const worst = rows.filter((r) => r.refused > 0);
      const summary =
        worst.length === 0
          ? `No database refused a connection; the busiest peaked at ${Math.max(...rows.map((r) => r.peak_in_use))} in use.`
          : worst.map((r) => `${r.database} refused ${r.refused} (limit ${r.max_connections}, peak ${r.peak_in_use} in use)`).join('; ') +
            '.';
      return { summary, rows: rows.map((r) => ({ ...r })) };
    },
  },
  {
    id: 'requests',
    label: 'Requests per service and layout',
    measure(trace) {
      const rows = requestFigures(trace);
      if (rows.length === 0) return { summary: 'No burst sent yet.', rows: [] };
      const parts = (['shared', 'split'] as const).flatMap((layout) => {
        const mine = rows.filter((r) => r.layout === layout);
        if (mine.length === 0) return [];
        const refused = mine.filter((r) => r.refused > 0).map((r) => `${r.service} ${r.refused}`);
        const where = layout === 'shared' ? 'Shared database' : 'Database per domain';
        return [`${where}: ${refused.length === 0 ? 'nothing refused' : `refused ${refused.join(', ')}`}`];
      });
      return { summary: `${parts.join('. ')}.`, rows: rows.map((r) => ({ ...r })) };
    },
  },
  {
    id: 'outage',
    label: 'Who failed while a database was down',
    measure(trace) {
      const rows = outageFigures(trace);
      if (rows.length === 0) return { summary: 'No request was sent while a database was down.', rows: [] };
      const byDb = new Map<string, string[]>();
      for (const r of rows) if (r.failed > 0) byDb.set(r.database, [...(byDb.get(r.database) ?? []), r.service]);
      const summary =
        byDb.size === 0
          ? 'Requests were sent during an outage, and none failed.'
          : [...byDb]
              .map(
                ([db, services]) =>
                  `While ${db} was down, ${services.length} service${services.length === 1 ? '' : 's'} failed: ${services.join(', ')}`,
              )
              .join('. ') + '.';
      return { summary, rows: rows.map((r) => ({ ...r })) };
    },
  },
];
