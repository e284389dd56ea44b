/**
 * Each page the customer saw, judged against the write side at the moment the read was asked for: every
 * order of yours committed by then must be on the page at its version then or newer. A row the app drew
 * itself before any server confirmed it is neither: it is a guess.
 */
import type { Fix, ReadPurpose, ShownSource } from './messages.ts';
import { factsOfKind, type Recorded, WriteHistory } from './history.ts';
import { YOU } from './settings.ts';

export type Freshness = 'fresh' | 'stale' | 'guessed';

export interface PageVerdict {
  readonly at: number;
  readonly issuedAt: number;
  readonly purpose: ReadPurpose;
  readonly source: ShownSource;
  readonly fix: Fix;
  readonly freshness: Freshness;
  /** Your orders the write side had and the page did not show. */
  readonly missing: readonly string[];
  /** Your orders the page showed at an older version than the write side had. */
  readonly behind: readonly string[];
  readonly timedOut: boolean;
}

export function verdicts(facts: readonly Recorded[], history = new WriteHistory(facts)): PageVerdict[] {
  return factsOfKind(facts, 'shown').map(({ at, fact }) => {
    const required = history.versionsAt(YOU, fact.issuedAt);
    // The order a read right after placing follows must be there, whenever its commit landed.
    if (fact.after && !required.has(fact.after)) required.set(fact.after, 1);
    const rows = new Map(fact.rows.map((r) => [r.orderId, r]));
    const missing: string[] = [];
    const behind: string[] = [];
    let guessed = false;
    for (const [orderId, version] of required) {
      const row = rows.get(orderId);
      if (!row) missing.push(orderId);
      else if (row.guessed) guessed = true;
      else if (row.version < version) behind.push(orderId);
    }
    const freshness: Freshness = missing.length + behind.length > 0 ? 'stale' : guessed ? 'guessed' : 'fresh';
    return {
      at,
      issuedAt: fact.issuedAt,
      purpose: fact.purpose,
      source: fact.source,
      fix: fact.fix,
      freshness,
      missing,
      behind,
      timedOut: fact.timedOut,
    };
  });
}
