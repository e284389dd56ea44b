/** What the lab measures from its trace, in virtual milliseconds. */
import type { MeasureDefinition, TraceEntry } from '../sim/types.ts';

const PREPARED = /PREPARE TRANSACTION '([^']+)'/;
const FINISHED = /^(COMMIT|ROLLBACK) PREPARED '([^']+)'/;

/** How long each bank held a transfer's locks: from its successful PREPARE to its COMMIT or ROLLBACK PREPARED. */
export function lockHolds(trace: readonly TraceEntry[]) {
  const open = new Map<string, number>();
  const rows: { bank: string; gid: string; outcome: string; held_ms: number }[] = [];
  for (const entry of trace) {
    if (entry.type !== 'sql' || !entry.ok) continue;
    const prepared = PREPARED.exec(entry.sql);
    if (prepared?.[1]) open.set(`${entry.service} ${prepared[1]}`, entry.at);
    const finished = FINISHED.exec(entry.sql);
    const key = finished?.[2] ? `${entry.service} ${finished[2]}` : undefined;
    const since = key ? open.get(key) : undefined;
    if (key && finished?.[1] && finished[2] && since !== undefined) {
      open.delete(key);
      rows.push({ bank: entry.service, gid: finished[2], outcome: finished[1].toLowerCase(), held_ms: entry.at - since });
    }
  }
  return { rows, stillHeld: [...open.keys()] };
}

export const measures: readonly MeasureDefinition[] = [
  {
    id: 'lock-hold',
    label: 'How long each bank held its locks',
    measure(trace) {
      const { rows, stillHeld } = lockHolds(trace);
      const longest = rows.reduce((max, r) => Math.max(max, r.held_ms), 0);
      const parts = [];
      if (rows.length > 0) parts.push(`Longest hold so far: ${longest.toLocaleString('en')} ms of virtual time.`);
      if (stillHeld.length > 0) parts.push(`Still held: ${stillHeld.join(', ')}.`);
      return { summary: parts.join(' ') || 'No transfer has prepared yet.', rows };
    },
  },
];
