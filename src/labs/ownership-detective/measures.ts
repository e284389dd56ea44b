/**
 * What each service sent, counted from the facts the services record as they send, by the verb of each
 * statement. Set it beside the write log: Ticket never sends a statement that names `customers` as its
 * target, yet the log has it writing there, because a trigger runs inside its statements.
 */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import type { OwnershipDetective, SentFact } from './messages.ts';

export function statementsBySender(facts: readonly RecordedFact<SentFact>[]) {
  const counts = new Map<string, { service: string; statements: number; selects: number; writes: number }>();
  for (const { service, fact } of facts) {
    const row = counts.get(service) ?? { service, statements: 0, selects: 0, writes: 0 };
    const select = fact.verb === 'SELECT';
    counts.set(service, {
      ...row,
      statements: row.statements + 1,
      selects: row.selects + (select ? 1 : 0),
      writes: row.writes + (select ? 0 : 1),
    });
  }
  return [...counts.values()].sort((a, b) => b.statements - a.statements || a.service.localeCompare(b.service));
}

export const measures: readonly MeasureSpec<OwnershipDetective>[] = [
  {
    id: 'statements-by-sender',
    label: 'Statements each service sent to the monolith',
    measure(facts) {
      const rows = statementsBySender(facts);
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
