/**
 * The inconsistency window, rebuilt from the facts in the trace: per customer, the ticket side's open tickets and the
 * customer side's count over virtual time. A ticket change's window runs from its commit until the count
 * agrees again; when the count moved first (pattern 2 counts a ticket before the ticket opens), it runs
 * from the moment the count went ahead.
 */
import type { Fact } from './facts.ts';
import { inPattern, type Pattern } from './patterns.ts';

export interface WindowStats {
  /** Windows of ticket changes whose count agreed again, in virtual ms. */
  readonly windows: readonly number[];
  /** Ticket changes whose count had not agreed by the end of the trace. */
  readonly unresolved: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

interface CustomerLine {
  real: number;
  counted: number;
  wrongSince: number | undefined;
  waiting: number[];
}

export function windowsOf(facts: readonly Fact[], p: Pattern): WindowStats {
  const lines = new Map<string, CustomerLine>();
  const line = (c: string) => {
    let l = lines.get(c);
    if (!l) lines.set(c, (l = { real: 0, counted: 0, wrongSince: undefined, waiting: [] }));
    return l;
  };
  const windows: number[] = [];
  const resolve = (l: CustomerLine, at: number) => {
    for (const since of l.waiting) windows.push(at - since);
    l.waiting = [];
    l.wrongSince = undefined;
  };
  for (const { service, at, fact } of facts) {
    if (!inPattern(p, service) || (fact.kind !== 'ticket' && fact.kind !== 'count')) continue;
    const l = line(fact.customer);
    if (fact.kind === 'ticket') {
      if (fact.status === 'refused') continue;
      l.real += fact.status === 'open' ? 1 : -1;
      if (l.real === l.counted) {
        // This change ended a disagreement: either earlier changes waited for it, or the count ran ahead.
        if (l.waiting.length === 0 && l.wrongSince !== undefined) windows.push(at - l.wrongSince);
        else windows.push(0);
        resolve(l, at);
      } else {
        l.wrongSince ??= at;
        l.waiting.push(at);
      }
    } else {
      l.counted = fact.count;
      if (l.real === l.counted) resolve(l, at);
      else l.wrongSince ??= at;
    }
  }
  const unresolved = [...lines.values()].reduce((n, l) => n + l.waiting.length, 0);
  const maxMs = windows.reduce((m, w) => Math.max(m, w), 0);
  const meanMs = windows.length === 0 ? 0 : Math.round(windows.reduce((s, w) => s + w, 0) / windows.length);
  return { windows, unresolved, maxMs, meanMs };
}
