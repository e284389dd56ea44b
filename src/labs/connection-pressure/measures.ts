/** Figures measured from the facts the lab records: connections against limits, refused requests, and who failed in an outage. */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import type { TraceEntry } from '../sim/types.ts';
import { DATABASES, SHARED_DATABASE, type Layout } from '../ticket-system/layout.ts';
import type { ConnectionPressure, ConnectionPressureFact } from './messages.ts';

type Facts = readonly RecordedFact<ConnectionPressureFact>[];
type FactOf<K extends ConnectionPressureFact['kind']> = RecordedFact<Extract<ConnectionPressureFact, { readonly kind: K }>>;

function layoutOf(database: string): Layout {
  return database === SHARED_DATABASE ? 'shared' : 'split';
}

function factsOfKind<K extends ConnectionPressureFact['kind']>(facts: Facts, kind: K): FactOf<K>[] {
  return facts.filter((f): f is FactOf<K> => f.fact.kind === kind);
}

export interface ConnectionRow {
  database: string;
  max_connections: number;
  peak_in_use: number;
  refused: number;
}

export function connectionFigures(facts: Facts): ConnectionRow[] {
  const rows = new Map<string, ConnectionRow>();
  const row = (database: string, limit: number) => {
    const found = rows.get(database) ?? { database, max_connections: limit, peak_in_use: 0, refused: 0 };
    rows.set(database, found);
    return found;
  };
  for (const { service, fact } of factsOfKind(facts, 'login')) {
    const r = row(service, fact.limit);
    if (fact.admitted) r.peak_in_use = Math.max(r.peak_in_use, fact.open);
    else r.refused++;
  }
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

export function requestFigures(facts: Facts): RequestRow[] {
  const instances = new Map(factsOfKind(facts, 'scaled-out').map(({ service, fact }) => [service, fact.instances]));
  const rows = new Map<string, RequestRow>();
  const row = (layout: Layout, service: string) => {
    const key = `${layout} ${service}`;
    const found = rows.get(key) ?? { layout, service, instances: instances.get(service) ?? 1, sent: 0, answered: 0, refused: 0, failed: 0 };
    rows.set(key, found);
    return found;
  };
  for (const { fact } of factsOfKind(facts, 'requested')) row(fact.layout, fact.service).sent++;
  for (const { fact } of factsOfKind(facts, 'responded')) {
    const r = row(fact.layout, fact.service);
    if (fact.ok) r.answered++;
    else if (fact.code && REFUSAL_CODES.has(fact.code)) r.refused++;
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

/**
 * For each time a database was down (the kernel's crash and restart entries in the trace): the requests sent
 * meanwhile to services in its layout, and how many failed.
 */
export function outageFigures(facts: Facts, trace: readonly TraceEntry[]): OutageRow[] {
  const sentAt = new Map(factsOfKind(facts, 'requested').map(({ at, fact }) => [fact.requestId, { at, ...fact }]));
  const failed = new Set(factsOfKind(facts, 'responded').flatMap(({ fact }) => (fact.ok ? [] : [fact.requestId])));
  const rows: OutageRow[] = [];
  for (const crash of trace) {
    if (crash.type !== 'crash' || !DATABASES.some((d) => d === crash.service)) continue;
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

export const measures: readonly MeasureSpec<ConnectionPressure>[] = [
  {
    id: 'connections',
    label: 'Connections in use against each database’s limit',
    measure(facts) {
      const rows = connectionFigures(facts);
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
    measure(facts) {
      const rows = requestFigures(facts);
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
    measure(facts, trace) {
      const rows = outageFigures(facts, trace);
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
