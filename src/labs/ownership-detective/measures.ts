/**
 * What each service sent, counted from the trace by the verb of each statement. Set it beside the write
 * log: Ticket never sends a statement that names `customers` as its target, yet the log has it writing
 * there, because a trigger runs inside its statements.
 */
import type { MeasureDefinition, TraceEntry } from '../sim/types.ts';
import { MONOLITH } from './monolith.ts';

export function statementsBySender(trace: readonly TraceEntry[]) {
  const counts = new Map<string, { service: string; statements: number; selects: number; writes: number }>();
  for (const entry of trace) {
    if (entry.type !== 'deliver' || entry.to !== MONOLITH || entry.message.type !== 'query') continue;
    const row = counts.get(entry.from) ?? { service: entry.from, statements: 0, selects: 0, writes: 0 };
    const verb = String(entry.message['sql']).trimStart().split(/\s+/)[0]?.toUpperCase();
    counts.set(entry.from, {
      ...row,
      statements: row.statements + 1,
      selects: row.selects + (verb === 'SELECT' ? 1 : 0),
      writes: row.writes + (verb === 'SELECT' ? 0 : 1),
    });
  }
  return [...counts.values()].sort((a, b) => b.statements - a.statements || a.service.localeCompare(b.service));
}

export const measures: readonly MeasureDefinition[] = [
  {
    id: 'statements-by-sender',
    label: 'Statements each service sent to the monolith',
    measure(trace) {
      const rows = statementsBySender(trace);
      const [busiest] = rows;
      if (!busiest) return { summary: 'No service has sent a statement yet.', rows };
      const total = rows.reduce((sum, r) => sum + r.statements, 0);
      return {
        summary: `${total} statements so far; the busiest sender is ${busiest.service} with ${busiest.statements} (${busiest.selects} of them SELECT).`,
        rows,
      };
    },
  },
];
