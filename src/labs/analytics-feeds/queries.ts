/** SQL that more than one module reads with: the truth per day, the change log, rows as typed values. */
import type { Cell } from '../engine/types.ts';
import { sqlInt } from '../kit/service-sql.ts';
import type { Change, DayCount } from './messages.ts';
import { DAY_MS } from './settings.ts';

/**
 * The operational database's own answer: tickets opened and closed per day, as the tickets table stood at
 * `asOf` (a closure counts once it was recorded, in the day it happened).
 */
export function truthSql(asOf: number): string {
  return `SELECT day::int AS day, sum(opened)::int AS opened, sum(closed)::int AS closed FROM (
  SELECT opened_at / ${DAY_MS} AS day, 1 AS opened, 0 AS closed FROM tickets WHERE opened_at <= ${sqlInt(asOf)}
  UNION ALL
  SELECT closed_at / ${DAY_MS}, 0, 1 FROM tickets WHERE closed_recorded_at <= ${sqlInt(asOf)}
) counted GROUP BY day ORDER BY day`;
}

/** The newest fact the ticket service held at `asOf`: what a report's freshness is measured against. */
export function newestFactSql(asOf: number): string {
  return `SELECT greatest(max(opened_at) FILTER (WHERE opened_at <= ${sqlInt(asOf)}), max(closed_at) FILTER (WHERE closed_recorded_at <= ${sqlInt(asOf)})) AS newest_at FROM tickets`;
}

/** The retained change log after `after`, in log order. */
export function changesSql(after: number, limit: number): string {
  return `SELECT c.position, c.ticket_id, c.kind, c.happened_at, c.recorded_at, t.opened_at
FROM change_log c JOIN tickets t ON t.id = c.ticket_id
WHERE c.position > ${sqlInt(after)} ORDER BY c.position LIMIT ${sqlInt(limit)}`;
}

export function changeOf(row: Record<string, Cell>): Change {
  return {
    position: Number(row['position']),
    ticketId: Number(row['ticket_id']),
    kind: row['kind'] === 'closed' ? 'closed' : 'opened',
    happenedAt: Number(row['happened_at']),
    recordedAt: Number(row['recorded_at']),
    openedAt: Number(row['opened_at']),
  };
}

export function dayCountsOf(rows: readonly Record<string, Cell>[]): DayCount[] {
  return rows.map((r) => ({ day: Number(r['day']), opened: Number(r['opened']), closed: Number(r['closed']) }));
}

/** Cells (a day's opened or closed figure) where two reports differ, and by how many tickets in all. */
export function difference(
  report: readonly DayCount[],
  truth: readonly DayCount[],
  days: (day: number) => boolean,
): { cells: number; tickets: number } {
  const byDay = (counts: readonly DayCount[]) => new Map(counts.map((c) => [c.day, c]));
  const r = byDay(report);
  const t = byDay(truth);
  let cells = 0;
  let tickets = 0;
  for (const day of new Set([...r.keys(), ...t.keys()])) {
    if (!days(day)) continue;
    for (const column of ['opened', 'closed'] as const) {
      const off = Math.abs((r.get(day)?.[column] ?? 0) - (t.get(day)?.[column] ?? 0));
      if (off > 0) cells++;
      tickets += off;
    }
  }
  return { cells, tickets };
}
