/**
 * The run as the facts tell it: what the write side had committed at any virtual moment, and where the
 * projection stood. Every measure is read from here, so a figure shown to the reader comes from the run.
 */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { CqrsFact } from './messages.ts';

export type Recorded = RecordedFact<CqrsFact>;
type Of<K extends CqrsFact['kind']> = Extract<CqrsFact, { kind: K }>;
type Timed<K extends CqrsFact['kind']> = { readonly at: number; readonly fact: Of<K> };

export function factsOfKind<K extends CqrsFact['kind']>(facts: readonly Recorded[], kind: K): Timed<K>[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [{ at: f.at, fact: f.fact as Of<K> }] : []));
}

export class WriteHistory {
  readonly commits: readonly Timed<'committed'>[];
  readonly checkpoints: readonly Timed<'checkpoint'>[];

  constructor(facts: readonly Recorded[]) {
    this.commits = factsOfKind(facts, 'committed');
    this.checkpoints = factsOfKind(facts, 'checkpoint');
  }

  /** The newest version of each of `customerId`'s orders committed at or before `at`. */
  versionsAt(customerId: string, at: number): Map<string, number> {
    const versions = new Map<string, number>();
    for (const { at: t, fact } of this.commits) {
      if (t > at) break;
      if (fact.customerId === customerId) versions.set(fact.orderId, Math.max(versions.get(fact.orderId) ?? 0, fact.version));
    }
    return versions;
  }

  /** The newest outbox position committed at or before `at`. */
  headAt(at: number): number {
    let head = 0;
    for (const { at: t, fact } of this.commits) {
      if (t > at) break;
      head = Math.max(head, fact.position);
    }
    return head;
  }

  /** When the projection first covered each committed event: the first checkpoint at or past it. */
  handledAt(position: number, committedAt: number): number | undefined {
    return this.checkpoints.find((c) => c.at >= committedAt && c.fact.position >= position)?.at;
  }
}

/** Nearest-rank percentile of `values` (0 when there are none). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}
