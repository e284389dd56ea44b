/**
 * What the measures and the chapter's table compute from the facts the services recorded: which copies of an
 * erased customer could still be read at a given moment, in each scheme. A clear copy can be read while it
 * exists; a sealed copy while it exists and the customer's key does.
 */
import type { RecordedFact } from '../kit/define-lab.ts';
import { COPIES, SCHEMES, type CopyName, type PersonalFact, type Scheme } from './messages.ts';

type Facts = readonly RecordedFact<PersonalFact>[];

/** The moments after an erasure request at which the table counts readable copies, in ms. */
export const CHECKPOINTS_MS = [100, 1_000, 5_000, 30_000] as const;

function lastBefore<T>(facts: Facts, t: number, pick: (f: PersonalFact) => T | undefined): T | undefined {
  let found: T | undefined;
  for (const f of facts) {
    if (f.at > t) break;
    const value = pick(f.fact);
    if (value !== undefined) found = value;
  }
  return found;
}

/** The copies of `customerId` that could be read at `t` in `scheme`. */
export function readableAt(facts: Facts, customerId: string, scheme: Scheme, t: number): CopyName[] {
  const keyPresent = lastBefore(facts, t, (f) => (f.kind === 'key' && f.customerId === customerId ? f.present : undefined)) ?? false;
  return COPIES.filter((copy) => {
    const holds = lastBefore(facts, t, (f) =>
      f.kind === 'copy' && f.customerId === customerId && f.copy === copy && f.scheme === scheme ? f.holds : undefined,
    );
    return holds === true && (scheme === 'clear' || keyPresent);
  });
}

export interface ErasureFigures {
  readonly customerId: string;
  readonly scheme: Scheme;
  readonly requestedAt: number;
  readonly completedAt: number | undefined;
  /** Copies that held the details just before the request. */
  readonly before: readonly CopyName[];
  /** How many could still be read at each checkpoint after the request. */
  readonly atCheckpoints: readonly number[];
  /** Which could still be read at the end of the run. */
  readonly atEnd: readonly CopyName[];
  /** When the last readable copy went, in ms after the request; undefined while one is left. */
  readonly lastGoneAfterMs: number | undefined;
}

export function erasureFigures(facts: Facts): ErasureFigures[] {
  const end = facts.at(-1)?.at ?? 0;
  const requests = facts.flatMap((f, index) =>
    f.fact.kind === 'erasure-requested' ? [{ customerId: f.fact.customerId, at: f.at, index }] : [],
  );
  return requests.flatMap(({ customerId, at, index }) =>
    SCHEMES.map((scheme): ErasureFigures => {
      const completedAt = facts.find((f) => f.fact.kind === 'erasure-complete' && f.fact.customerId === customerId)?.at;
      const atEnd = readableAt(facts, customerId, scheme, end);
      // The moments at which a copy of this customer changed, after the request: the last one that left none readable.
      const changes = facts.filter((f) => f.at >= at && 'customerId' in f.fact && f.fact.customerId === customerId).map((f) => f.at);
      const gone = atEnd.length > 0 ? undefined : changes.find((t) => readableAt(facts, customerId, scheme, t).length === 0);
      return {
        customerId,
        scheme,
        requestedAt: at,
        completedAt,
        // What was readable just before the request, however many facts share its moment.
        before: readableAt(facts.slice(0, index), customerId, scheme, at),
        atCheckpoints: CHECKPOINTS_MS.map((ms) => readableAt(facts, customerId, scheme, at + ms).length),
        atEnd,
        lastGoneAfterMs: gone === undefined ? undefined : gone - at,
      };
    }),
  );
}

export interface ProbeCell {
  readonly role: string;
  readonly relation: string;
  readonly column: string;
  readonly outcome: string;
  readonly rows: number;
}

/** The latest probe of each role, relation and column. */
export function latestProbes(facts: Facts): ProbeCell[] {
  const cells = new Map<string, ProbeCell>();
  for (const f of facts) if (f.fact.kind === 'probe') cells.set(`${f.fact.role}/${f.fact.relation}/${f.fact.column}`, f.fact);
  return [...cells.values()];
}
