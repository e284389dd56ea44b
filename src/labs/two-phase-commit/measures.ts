/** What the lab measures from its trace, in virtual milliseconds. */
import { factsOf, type MeasureSpec, type RecordedFact } from '../kit/define-lab.ts';
import type { TraceEntry } from '../sim/types.ts';
import type { BankFact, TwoPhaseCommit } from './messages.ts';

/** A reader may finish an in-doubt transaction by hand in a bank's console; that ends its hold too. */
const FINISHED_BY_READER = /^\s*(COMMIT|ROLLBACK)\s+PREPARED\s+'([^']+)'/i;

function readerFinishes(trace: readonly TraceEntry[]): RecordedFact<BankFact>[] {
  const finished: RecordedFact<BankFact>[] = [];
  for (let i = 0; i < trace.length; i++) {
    const entry = trace[i];
    const ran = trace[i + 1];
    if (entry?.type !== 'input' || entry.input.kind !== 'sql' || ran?.type !== 'sql' || !ran.ok) continue;
    const match = FINISHED_BY_READER.exec(entry.input.sql);
    if (!match?.[1] || !match[2]) continue;
    const outcome = match[1].toLowerCase() === 'commit' ? 'commit' : 'rollback';
    finished.push({ step: entry.step, at: entry.at, service: entry.input.service, fact: { kind: 'finished', gid: match[2], outcome } });
  }
  return finished;
}

/** How long each bank held a transfer's locks: from its successful PREPARE to its COMMIT or ROLLBACK PREPARED. */
export function lockHolds(trace: readonly TraceEntry[], facts: readonly RecordedFact<BankFact>[] = factsOf<BankFact>(trace)) {
  const all = [...facts, ...readerFinishes(trace)].sort((a, b) => a.step - b.step || a.at - b.at);
  const open = new Map<string, number>();
  const rows: { bank: string; gid: string; outcome: string; held_ms: number }[] = [];
  for (const { service, at, fact } of all) {
    const key = `${service} ${fact.gid}`;
    if (fact.kind === 'prepared') {
      open.set(key, at);
      continue;
    }
    const since = open.get(key);
    if (since === undefined) continue;
    open.delete(key);
    rows.push({ bank: service, gid: fact.gid, outcome: fact.outcome, held_ms: at - since });
  }
  return { rows, stillHeld: [...open.keys()] };
}

export const measures: readonly MeasureSpec<TwoPhaseCommit>[] = [
  {
    id: 'lock-hold',
    label: 'How long each bank held its locks',
    measure(facts, trace) {
      const { rows, stillHeld } = lockHolds(trace, facts);
      const longest = rows.reduce((max, r) => Math.max(max, r.held_ms), 0);
      const parts = [];
      if (rows.length > 0) parts.push(`Longest hold so far: ${longest.toLocaleString('en')} ms of virtual time.`);
      if (stillHeld.length > 0) parts.push(`Still held: ${stillHeld.join(', ')}.`);
      return { summary: parts.join(' ') || 'No transfer has prepared yet.', rows };
    },
  },
];
